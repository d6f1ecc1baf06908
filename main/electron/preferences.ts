// Desktop preferences in the data directory (desktop.json), applied through Electron's login item.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Preferences {
  startAtLogin: boolean;
  notifyEveryRun: boolean;
  /** Set once the first setup is complete: that is when "Iniciar com o sistema" switches on by default. */
  loginItemDecided: boolean;
}

const DEFAULTS: Preferences = { startAtLogin: false, notifyEveryRun: false, loginItemDecided: false };

export function preferencesFile(dataDir: string) {
  const file = join(dataDir, 'desktop.json');
  return {
    async read(): Promise<Preferences> {
      try {
        return { ...DEFAULTS, ...(JSON.parse(await readFile(file, 'utf8')) as Partial<Preferences>) };
      } catch {
        return { ...DEFAULTS };
      }
    },
    async write(p: Preferences): Promise<void> {
      await writeFile(file, JSON.stringify(p, null, 2) + '\n');
    },
  };
}
