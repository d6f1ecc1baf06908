// What every handler may use. Built once by whoever hosts the API (serve, Electron, tests).
import type { Engine } from '../engine';

/** What only the desktop shell can do (login item, notifications, the file manager). */
export interface DesktopIntegration {
  preferences(): Promise<{ startAtLogin: boolean; notifyEveryRun: boolean }>;
  savePreferences(p: {
    startAtLogin: boolean;
    notifyEveryRun: boolean;
  }): Promise<{ startAtLogin: boolean; notifyEveryRun: boolean }>;
  openDataFolder(): Promise<void>;
}

export interface ApiContext {
  /** The engine host: reads, and every write through `engine.update`. */
  engine: Engine;
  /** Present only inside the Electron shell. */
  desktop?: DesktopIntegration;
}
