// Layouts as staff see them: the pre-registered defaults, each overridden by an edited copy in the
// settings when there is one; restoring a default removes the copy.
import type { EmailLayout } from '../../shared/domain';
import { emailLayoutSchema } from '../../shared/domain';
import { validateLayout, type LayoutProblem } from './layouts';
import type { Store } from './store/store';
import type { LayoutEntry } from '../../shared/records';
export type { LayoutEntry };

export interface LayoutRegistry {
  list(): LayoutEntry[];
  get(id: string): EmailLayout | undefined;
  has(id: string): boolean;
  /** Validates and saves; returns the problems instead of saving when there are any. */
  save(layout: EmailLayout): Promise<LayoutProblem[]>;
  restoreDefault(id: string): Promise<boolean>;
}

export function createLayoutRegistry(store: Store, defaults: readonly EmailLayout[]): LayoutRegistry {
  const defaultById = new Map(defaults.map((l) => [l.id, l]));
  const stored = () => store.settings().layouts;
  const registry: LayoutRegistry = {
    list() {
      const custom = new Map(stored().map((l) => [l.id, l]));
      const entries: LayoutEntry[] = defaults.map((d) => ({
        ...(custom.get(d.id) ?? d),
        preRegistered: true,
        customized: custom.has(d.id),
      }));
      for (const l of stored())
        if (!defaultById.has(l.id)) entries.push({ ...l, preRegistered: false, customized: false });
      return entries;
    },
    get: (id) => stored().find((l) => l.id === id) ?? defaultById.get(id),
    has: (id) => registry.get(id) !== undefined,
    async save(layout) {
      const parsed = emailLayoutSchema.parse(layout);
      const problems = validateLayout(parsed);
      if (problems.length) return problems;
      const settings = store.settings();
      const others = settings.layouts.filter((l) => l.id !== parsed.id);
      await store.saveSettings({ ...settings, layouts: [...others, parsed] });
      return [];
    },
    async restoreDefault(id) {
      if (!defaultById.has(id)) return false;
      const settings = store.settings();
      await store.saveSettings({ ...settings, layouts: settings.layouts.filter((l) => l.id !== id) });
      return true;
    },
  };
  return registry;
}
