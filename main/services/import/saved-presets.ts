// The presets an import may name: the ones shipped (presets.ts) and the ones staff saved on Importar
// (kept in the settings), by id or by name as typed ("--preset 'Meu ERP'").
import type { Settings } from '../../../shared/domain';
import type { SavedImportPreset } from '../../../shared/import-fields';
import { normalizeHeader } from './cells';
import { IMPORT_PRESETS } from './presets';
import type { ImportPreset } from './types';

export const fromSaved = (p: SavedImportPreset): ImportPreset => ({
  id: p.id,
  name: p.name,
  type: p.type,
  columns: p.columns,
  sources: [],
});

/** Every preset, shipped first. */
export function allPresets(settings: Pick<Settings, 'importPresets'>): ImportPreset[] {
  return [...IMPORT_PRESETS, ...(settings.importPresets ?? []).map(fromSaved)];
}

export function resolvePreset(
  settings: Pick<Settings, 'importPresets'>,
  idOrName: string,
): ImportPreset | undefined {
  const all = allPresets(settings);
  const wanted = normalizeHeader(idOrName);
  return all.find((p) => p.id === idOrName) ?? all.find((p) => normalizeHeader(p.name) === wanted);
}
