// Importar: any file the office has (ERP CSV/XLSX, bank retorno, regua/v1), checked against the data
// as it is, then applied through the one import path (services/import/apply.ts); and the named
// column mappings staff save.
import { importsContract, type ImportPresetView, type ImportResult } from '../../shared/contract/imports';
import type { ImportField } from '../../shared/import-fields';
import type { ImportOutcome } from '../../shared/import-outcome';
import { slugOf } from '../../shared/slug';
import { importFile, UnknownPresetError, type ImportRequest } from '../services/import/apply';
import { rejectedLinesCsv } from '../services/import/report';
import { allPresets } from '../services/import/saved-presets';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

type FileInput = {
  fileName: string;
  contentBase64: string;
  type?: ImportRequest['type'] | null;
  presetId?: string | null;
  mapping?: Record<string, ImportField | ''> | null;
};

const withCsv = (outcome: ImportOutcome): ImportResult => ({
  ...outcome,
  rejectedCsv: outcome.rejected.length ? rejectedLinesCsv(outcome.rejected) : null,
});

export function importsHandlers(ctx: ApiContext): DomainHandlers<typeof importsContract> {
  const app = ctx.engine;

  const run = async (input: FileInput, options: { onlyValid?: boolean; dryRun: boolean }) => {
    const mapping = input.mapping
      ? Object.fromEntries(Object.entries(input.mapping).map(([h, f]) => [h, f || undefined]))
      : undefined;
    try {
      return withCsv(
        await importFile(app, {
          bytes: Buffer.from(input.contentBase64, 'base64'),
          fileName: input.fileName,
          baseDir: null,
          type: input.type ?? undefined,
          preset: input.presetId ?? undefined,
          mapping,
          ...options,
        }),
      );
    } catch (e) {
      if (e instanceof UnknownPresetError) throw invalid({ presetId: e.message });
      throw e;
    }
  };

  const presets = (): ImportPresetView[] => {
    const saved = new Set((app.store.settings().importPresets ?? []).map((p) => p.id));
    return allPresets(app.store.settings()).map((p) => ({
      id: p.id,
      name: p.name,
      type: p.type,
      columns: p.columns,
      shipped: !saved.has(p.id),
      sources: p.sources,
    }));
  };

  return {
    async 'imports.check'(input) {
      await app.refresh();
      return run(input, { dryRun: true });
    },
    async 'imports.apply'({ onlyValid, ...input }) {
      return run(input, { onlyValid, dryRun: false });
    },
    async 'imports.presets'() {
      await app.refresh();
      return presets();
    },
    async 'imports.savePreset'({ id, name, type, columns }) {
      await app.update((tx) => {
        const settings = tx.settings();
        const saved = settings.importPresets ?? [];
        const shipped = allPresets({}).map((p) => p.id);
        const sameName = allPresets(settings).find(
          (p) => p.id !== id && p.name.localeCompare(name, 'pt-BR', { sensitivity: 'base' }) === 0,
        );
        if (sameName) throw invalid({ name: `já existe um modelo chamado "${sameName.name}"` });
        if (id && shipped.includes(id))
          throw conflict('os modelos que vêm com o Régua não podem ser alterados');
        const taken = new Set([...shipped, ...saved.map((p) => p.id)]);
        let newId = id || slugOf(name) || 'modelo';
        if (!id) for (let n = 2; taken.has(newId); n++) newId = `${slugOf(name) || 'modelo'}-${n}`;
        const preset = { id: newId, name, type, columns };
        const exists = saved.some((p) => p.id === newId);
        tx.setSettings({
          ...settings,
          importPresets: exists ? saved.map((p) => (p.id === newId ? preset : p)) : [...saved, preset],
        });
      });
      return presets();
    },
    async 'imports.removePreset'({ id }) {
      await app.update((tx) => {
        const settings = tx.settings();
        const saved = settings.importPresets ?? [];
        if (!saved.some((p) => p.id === id)) throw notFound('Modelo de importação');
        tx.setSettings({ ...settings, importPresets: saved.filter((p) => p.id !== id) });
      });
      return presets();
    },
  };
}
