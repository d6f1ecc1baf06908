// Composition off the main thread: a small pool of worker threads (available cores − 1, at least 1)
// that compose notices (compose-job.ts) while the main thread talks SMTP, so a run with nothing prepared
// keeps its connections busy. Each worker composes one notice at a time, in order, with the next one
// already handed to it (so it never waits for the main thread between two); a worker that dies takes
// only the notice it was composing with it: that one is answered with an error, the one waiting goes
// to another worker, the worker is replaced, the rest goes on. Workers start on the first notice (a
// `regua run` warms them up at once) and hold the process open only while they work, so a command
// that forgets to close the pool still exits. Size 0 composes in-process (REGUA_COMPOSE_WORKERS=0).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { composeEncoded, type ComposeJob } from './compose-job';
import { READY, type JobReply, type JobRequest } from './compose-worker-protocol';
import type { CachedMessage } from './message-cache';

export interface ComposePool {
  /** Workers the pool runs at most (0: composes in-process). */
  readonly size: number;
  compose(job: ComposeJob): Promise<CachedMessage>;
  /** Stops the workers; notices still waiting are answered with an error. */
  close(): Promise<void>;
}

export interface ComposePoolOptions {
  size?: number;
  /**
   * Start the workers now instead of with the first notice: a `regua run` that will compose has them
   * loaded while it opens its data (~0.1 s of a cold run's start). Idle, they still let the process exit.
   */
  warm?: boolean;
  /** The worker's entry (tests give one of their own). */
  entry?: URL;
}

/** Set by the bundlers (scripts/cli-bundle.mjs, build-electron.mjs): the worker's file beside the bundle. */
declare const __REGUA_COMPOSE_WORKER__: string | undefined;

function defaultEntry(): URL {
  if (typeof __REGUA_COMPOSE_WORKER__ === 'string')
    return pathToFileURL(join(import.meta.dirname, __REGUA_COMPOSE_WORKER__));
  return new URL('./compose-worker-source.mjs', import.meta.url);
}

export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.REGUA_COMPOSE_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Number(asked);
  return Math.max(1, availableParallelism() - 1);
}

export const WORKER_LOST =
  'a composição deste e-mail interrompeu o processo auxiliar que o montava; os demais seguem normalmente';
const CLOSED = 'a composição dos e-mails foi encerrada (o programa está fechando)';

/** Buffers come back from a worker as plain Uint8Arrays. */
const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const revive = (m: CachedMessage): CachedMessage => ({
  subject: m.subject,
  text: buf(m.text),
  html: buf(m.html),
  pdf: m.pdf ? buf(m.pdf) : null,
  inline: m.inline.map(({ cid, part }) => ({ cid, part: buf(part) })),
});

interface Pending {
  job: JobRequest;
  resolve(m: CachedMessage): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** Notices handed to the worker and not answered yet, in the order it composes them. */
  busy: Pending[];
  online: boolean;
}

/** Notices a worker holds at once: the one it composes and the next. */
const DEPTH = 2;

export function createComposePool(options: ComposePoolOptions = {}): ComposePool {
  const size = options.size ?? defaultPoolSize();
  if (size === 0) return { size, compose: (job) => composeEncoded(job), close: async () => {} };

  const entry = options.entry ?? defaultEntry();
  const queue: Pending[] = [];
  const slots = new Set<Slot>();
  let nextId = 0;
  let closed = false;
  // A worker that cannot even start (its file missing from a broken install, no threads allowed) is not
  // a notice's fault: from then on this process composes in-process, slower but whole.
  let inProcess = false;
  const debug = (msg: string) => {
    if (process.env.REGUA_DEBUG_COMPOSE) process.stderr.write(`regua: composição: ${msg}\n`);
  };
  const composeHere = ({ job, resolve, reject }: Pending) =>
    composeEncoded({ layout: job.layout, context: job.context }).then(resolve, reject);

  const settle = (slot: Slot, reply: JobReply) => {
    const pending = slot.busy[0];
    if (!pending || pending.job.id !== reply.id) return;
    slot.busy.shift();
    if (reply.ok) pending.resolve(revive(reply.message));
    else pending.reject(new Error(reply.error));
    dispatch();
  };

  /** The worker died (an uncaught error, out of memory, killed): its notice fails, a new one takes over. */
  const lose = (slot: Slot, error?: Error) => {
    if (!slots.delete(slot)) return;
    const [composing, ...waiting] = slot.busy;
    slot.busy = [];
    if (!slot.online && !closed) {
      debug(
        `o processo auxiliar não iniciou (${error?.message ?? 'encerrado'}); compondo no processo principal`,
      );
      inProcess = true;
      if (composing) queue.unshift(composing, ...waiting);
    } else {
      composing?.reject(new Error(WORKER_LOST));
      queue.unshift(...waiting);
    }
    dispatch();
  };

  const spawn = (): Slot => {
    const worker = new Worker(entry);
    const slot: Slot = { worker, busy: [], online: false };
    worker.on('message', (reply: JobReply | typeof READY) => {
      if (reply !== READY) return settle(slot, reply);
      slot.online = true;
      debug(`processo auxiliar iniciado (${entry.pathname.split('/').pop()})`);
    });
    worker.on('error', (e) => lose(slot, e));
    worker.on('exit', () => lose(slot));
    slots.add(slot);
    return slot;
  };

  const dispatch = () => {
    if (inProcess && !closed) for (const pending of queue.splice(0)) composeHere(pending);
    while (queue.length && !closed) {
      // An idle worker first, then a new one, then one to hold its next notice.
      let slot = [...slots].find((s) => s.busy.length === 0);
      if (!slot && slots.size < size) slot = spawn();
      slot ??= [...slots].find((s) => s.busy.length < DEPTH);
      if (!slot) break;
      const pending = queue.shift()!;
      slot.busy.push(pending);
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
    // Idle workers do not keep the process alive.
    for (const slot of slots) if (slot.busy.length === 0) slot.worker.unref();
  };

  if (options.warm) while (slots.size < size) spawn().worker.unref();

  return {
    size,
    compose(job) {
      if (closed) return Promise.reject(new Error(CLOSED));
      return new Promise<CachedMessage>((resolve, reject) => {
        queue.push({ job: { id: ++nextId, ...job }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error(CLOSED));
      const all = [...slots];
      slots.clear();
      for (const slot of all) for (const pending of slot.busy) pending.reject(new Error(CLOSED));
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
