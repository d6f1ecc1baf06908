// Entry of a composition worker thread (see compose-pool.ts): composes the notices it is handed, one
// at a time in order, and answers each with the encoded message or the reason it could not be composed. Bundled
// as an entry of its own next to the `regua` command and the desktop app's main process.
import { parentPort } from 'node:worker_threads';
import { composeEncoded } from './compose-job';
import { READY, type JobReply, type JobRequest } from './compose-worker-protocol';

const port = parentPort;
if (port) {
  // One notice at a time, in the order they came: the pool keeps the next one waiting here so this
  // thread never idles between two, and the first unanswered notice is always the one being composed.
  let last: Promise<void> = Promise.resolve();
  const compose = (job: JobRequest) =>
    composeEncoded(job).then(
      (message) => port.postMessage({ id: job.id, ok: true, message } satisfies JobReply),
      (e: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        } satisfies JobReply),
    );
  port.on('message', (job: JobRequest) => {
    last = last.then(() => compose(job));
  });
  // Loaded and listening: from now on a death is the notice's doing, not the installation's.
  port.postMessage(READY);
}
