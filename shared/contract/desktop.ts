import { z } from 'zod';
import { method, noInput } from './method';

export interface DesktopPreferences {
  /** False in the browser mode: these settings belong to the desktop app. */
  available: boolean;
  /** Iniciar com o sistema. */
  startAtLogin: boolean;
  /** A notification after every run, not only after runs with failures. */
  notifyEveryRun: boolean;
}

export const desktopContract = {
  'desktop.preferences': method<DesktopPreferences>()(noInput),
  'desktop.savePreferences': method<DesktopPreferences>()(
    z.strictObject({ startAtLogin: z.boolean(), notifyEveryRun: z.boolean() }),
  ),
  'desktop.openDataFolder': method<void>()(noInput),
};
