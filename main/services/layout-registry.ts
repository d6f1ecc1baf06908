// Layouts as staff see them: the pre-registered defaults, each overridden by an edited copy in the
// settings when there is one; restoring a default removes the copy. Reads only: a change is a new
// settings value (`withLayout`, `withoutLayout`) that the caller writes through the engine.
import type { EmailLayout, Settings } from '../../shared/domain';
import { emailLayoutSchema } from '../../shared/domain';
import { validateLayout, type LayoutProblem } from './layouts';
import type { LayoutEntry } from '../../shared/records';
export type { LayoutEntry };

export interface LayoutRegistry {
  list(): LayoutEntry[];
  get(id: string): EmailLayout | undefined;
  has(id: string): boolean;
  isPreRegistered(id: string): boolean;
  /** The layout as it would be saved, and its problems (none: it may be saved). */
  check(layout: EmailLayout): { layout: EmailLayout; problems: LayoutProblem[] };
}

/** The settings with this layout saved (an edited copy of a pre-registered one, or an own one). */
export const withLayout = (settings: Settings, layout: EmailLayout): Settings => ({
  ...settings,
  layouts: [...settings.layouts.filter((l) => l.id !== layout.id), layout],
});

/** The settings without the stored copy: a pre-registered layout goes back to its default. */
export const withoutLayout = (settings: Settings, id: string): Settings => ({
  ...settings,
  layouts: settings.layouts.filter((l) => l.id !== id),
});

export function createLayoutRegistry(
  store: { settings(): Readonly<Settings> },
  defaults: readonly EmailLayout[],
): LayoutRegistry {
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
    isPreRegistered: (id) => defaultById.has(id),
    check(layout) {
      const parsed = emailLayoutSchema.parse(layout);
      return { layout: parsed, problems: validateLayout(parsed) };
    },
  };
  return registry;
}
