// Writes a long output (a year of `regua plan`) as it is produced: pieces are gathered into blocks
// of ~64 KB, and the producer waits whenever the reader is slower (backpressure), so memory stays at
// one block whatever the size. A reader that goes away (`regua plan | head`) ends it quietly.
import type { Writable } from 'node:stream';

const BLOCK = 16 * 1024;

/** Resolves to the bytes written; false for `complete` when the reader closed the pipe early. */
export async function writeStreamed(
  out: Writable,
  pieces: Iterable<string>,
): Promise<{ bytes: number; complete: boolean }> {
  let closed = false;
  let failure: Error | null = null;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else failure = e;
  };
  out.on('error', onError);
  let bytes = 0;
  let block: string[] = [];
  let size = 0;
  const flush = async () => {
    const text = block.join('');
    block = [];
    size = 0;
    bytes += Buffer.byteLength(text);
    if (!out.write(text) && !closed && !failure)
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          out.off('error', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
        out.on('error', done);
      });
  };
  try {
    for (const piece of pieces) {
      if (closed || failure) break;
      block.push(piece);
      size += piece.length;
      if (size >= BLOCK) await flush();
    }
    if (size > 0 && !closed && !failure) await flush();
  } finally {
    // A reader that closed the pipe may still report it later: keep listening so that is not a crash.
    if (!closed) out.off('error', onError);
  }
  if (failure) throw failure;
  return { bytes, complete: !closed };
}
