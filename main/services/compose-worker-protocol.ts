// What the composition pool (compose-pool.ts) and its workers (compose-worker.ts) say to each other.
import type { ComposeJob } from './compose-job';
import type { CachedMessage } from './message-cache';

export interface JobRequest extends ComposeJob {
  id: number;
}
export type JobReply =
  { id: number; ok: true; message: CachedMessage } | { id: number; ok: false; error: string };
/** Sent once by a worker when its code is loaded. */
export const READY = 'ready';
