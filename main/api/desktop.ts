// Desktop-only preferences; in the browser mode there is no desktop integration and they say so.
import { desktopContract, type DesktopPreferences } from '../../shared/contract/desktop';
import type { ApiContext } from './context';
import { ApiFailure } from './errors';
import type { DomainHandlers } from './types';

const unavailable = () => new ApiFailure('unavailable', 'disponível apenas no aplicativo desktop');

export function desktopHandlers(ctx: ApiContext): DomainHandlers<typeof desktopContract> {
  return {
    'desktop.preferences': async (): Promise<DesktopPreferences> =>
      ctx.desktop
        ? { available: true, ...(await ctx.desktop.preferences()) }
        : { available: false, startAtLogin: false, notifyEveryRun: false },
    'desktop.savePreferences': async (input) => {
      if (!ctx.desktop) throw unavailable();
      return { available: true, ...(await ctx.desktop.savePreferences(input)) };
    },
    'desktop.openDataFolder': async () => {
      if (!ctx.desktop) throw unavailable();
      await ctx.desktop.openDataFolder();
    },
  };
}
