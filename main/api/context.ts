// What every handler may use. Built once by whoever hosts the API (serve, Electron, tests).
import type { App } from '../services/app';
import type { EventBus } from '../services/events';
import type { Scheduler } from '../services/scheduler';
import type { TestMailbox } from '../services/test-mailbox';

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
  app: App;
  scheduler: Scheduler;
  events: EventBus;
  testMailbox: TestMailbox;
  /** Present only inside the Electron shell. */
  desktop?: DesktopIntegration;
}
