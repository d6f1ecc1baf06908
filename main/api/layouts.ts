// Layout de E-mail: the pre-registered layouts (editable, restorable) and the office's own ones,
// a live preview of a draft, and a test send through a real account.
import { layoutsContract } from '../../shared/contract/layouts';
import type { LayoutEntry } from '../../shared/records';
import { ruleLabel } from '../../shared/rule-kinds';
import { withImagesInline } from '../services/inline-images';
import { withLayout, withoutLayout } from '../services/layout-registry';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { draftContext, problemsByField, renderDraft } from './layouts-preview';
import { sendLayoutTest } from './layouts-send-test';
import type { DomainHandlers } from './types';

export function layoutsHandlers(ctx: ApiContext): DomainHandlers<typeof layoutsContract> {
  const app = ctx.engine;
  const entry = (id: string): LayoutEntry => {
    const found = app.layouts.list().find((l) => l.id === id);
    if (!found) throw notFound('Layout');
    return found;
  };

  return {
    'layouts.list': async () => app.layouts.list(),

    'layouts.save': async ({ id, ...fields }) => {
      const layoutId = await app.update((tx) => {
        const layoutId = id ?? newLayoutId(fields.name, app.layouts.list());
        const { layout, problems } = app.layouts.check({ id: layoutId, ...fields });
        if (problems.length > 0) throw invalid(problemsByField(problems));
        tx.setSettings(withLayout(tx.settings(), layout));
        return layoutId;
      });
      return entry(layoutId);
    },

    'layouts.restore': async ({ id }) => {
      if (!entry(id).preRegistered)
        throw conflict('só layouts pré-cadastrados podem ser restaurados ao padrão');
      await app.update((tx) => tx.setSettings(withoutLayout(tx.settings(), id)));
      return entry(id);
    },

    'layouts.remove': async ({ id }) => {
      const layout = entry(id);
      if (layout.preRegistered)
        throw conflict('layouts pré-cadastrados não podem ser excluídos (use Restaurar padrão)');
      await app.update((tx) => {
        const settings = tx.settings();
        const users = settings.billingMethods.flatMap((m) =>
          m.sendRules.filter((r) => r.layoutId === id).map((r) => `"${ruleLabel(r)}" de ${m.name}`),
        );
        if (users.length > 0)
          throw conflict(
            `o layout "${layout.name}" está em uso pela regra ${users.join(', ')}: troque o layout da regra antes de excluir`,
          );
        tx.setSettings(withoutLayout(settings, id));
      });
    },

    'layouts.preview': async (draft) => {
      const context = draftContext(app, draft);
      const preview = renderDraft(draft, context);
      // The screen cannot resolve `cid:`: the QR code and the logo go in as data URLs.
      return { ...preview, html: await withImagesInline(preview.html, context) };
    },

    'layouts.sendTest': async (input) => sendLayoutTest(ctx, input),
  };
}

/** A readable id from the name ("Aviso de Corte" → "aviso-de-corte"), never one already taken. */
export function newLayoutId(name: string, existing: readonly { id: string }[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'layout';
  const taken = new Set(existing.map((l) => l.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
