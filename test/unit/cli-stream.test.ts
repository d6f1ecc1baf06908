// Long outputs are written as they are produced: the producer is only asked for more when the reader
// has taken what was written (so memory stays at one block), and a reader that goes away early
// (`regua plan | head`) ends the output quietly.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeStreamed } from '../../main/cli-stream';

/** A reader that takes a write only when told to. */
function heldWriter() {
  const held: (() => void)[] = [];
  let received = 0;
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      held.push(() => callback());
    },
  });
  return {
    out,
    received: () => received,
    release() {
      for (const done of held.splice(0)) done();
    },
  };
}

function* pieces(count: number, size: number, pulled: { n: number }) {
  for (let i = 0; i < count; i++) {
    pulled.n++;
    yield 'x'.repeat(size - 1) + '\n';
  }
}

describe('writeStreamed', () => {
  it('asks for more only when the reader has taken the last block', async () => {
    const writer = heldWriter();
    const pulled = { n: 0 };
    const done = writeStreamed(writer.out, pieces(2000, 1024, pulled));
    await new Promise((r) => setTimeout(r, 50));
    // One block (16 KB) went out and waits for the reader; nothing more was produced.
    expect(pulled.n).toBeLessThanOrEqual(17);
    expect(writer.received()).toBeLessThanOrEqual(17 * 1024);
    const releasing = setInterval(() => writer.release(), 1);
    const result = await done;
    clearInterval(releasing);
    expect(result).toEqual({ bytes: 2000 * 1024, complete: true });
    expect(pulled.n).toBe(2000);
  });

  it('stops quietly when the reader closes the pipe', async () => {
    const pulled = { n: 0 };
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const result = await writeStreamed(out, pieces(100_000, 1024, pulled));
    expect(result.complete).toBe(false);
    expect(pulled.n).toBeLessThan(100);
    // A late report of the same closed pipe is no crash either.
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  });

  it('passes any other failure on', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
      },
    });
    await expect(writeStreamed(out, pieces(100, 1024, { n: 0 }))).rejects.toThrow(/no space/);
  });
});
