// Where the data lives: --data-dir, else REGUA_DATA_DIR, else the folder Electron's
// app.getPath('userData') uses for this app, so the CLI, the daemon and the desktop app share it.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'Régua';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, PRODUCT_NAME);
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.REGUA_DATA_DIR ?? defaultDataDir(env));
}

/** The assets folder shipped with the app (pre-registered layouts, icons). */
export const assetsDir = (): string => fileURLToPath(new URL('../../assets/', import.meta.url));
