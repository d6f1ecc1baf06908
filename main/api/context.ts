// What every handler may use. Built once by whoever hosts the API (serve, Electron, tests).
import type { App } from '../services/app';
import type { EventBus } from '../services/events';
import type { Scheduler } from '../services/scheduler';
import type { TestMailbox } from '../services/test-mailbox';

export interface ApiContext {
  app: App;
  scheduler: Scheduler;
  events: EventBus;
  testMailbox: TestMailbox;
}
