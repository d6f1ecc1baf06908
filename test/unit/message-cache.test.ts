// The prepared-message cache on disk: every part comes back byte for byte, inline images in order with
// their Content-IDs, and a file cut short or written for another key is a miss, never an error.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageCache, type CachedMessage } from '../../main/services/message-cache';
import { tempDir } from '../support/documents';

const KEY = 'a'.repeat(64);
const message: CachedMessage = {
  subject: 'Fatura 1',
  text: Buffer.from('texto'),
  html: Buffer.from('<p>html</p>'),
  inline: [
    { cid: 'empresa-logo@regua', part: Buffer.from('logo-bytes') },
    { cid: 'pix-qrcode@regua', part: Buffer.from('qr-bytes!') },
  ],
  pdf: Buffer.from('%PDF-1.4 ...'),
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('message cache', () => {
  it('gives back every part, the inline images in order with their Content-IDs', async () => {
    dir = await tempDir();
    const cache = createMessageCache(dir);
    await cache.put(KEY, message);
    expect(await cache.get(KEY)).toEqual(message);
    await cache.put(KEY, { ...message, inline: [], pdf: null });
    expect(await cache.get(KEY)).toEqual({ ...message, inline: [], pdf: null });
  });

  it('treats a file cut short, or one written by the older format, as a miss', async () => {
    dir = await tempDir();
    const cache = createMessageCache(dir);
    await cache.put(KEY, message);
    const file = join(dir, `${KEY}.msg`);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    expect(await cache.get(KEY)).toBeNull();
    // Before inline images the header had no `inline` list.
    const header = JSON.stringify({ key: KEY, subject: 's', sizes: [1, 1, null] });
    await writeFile(file, `${header}\nab`);
    expect(await cache.get(KEY)).toBeNull();
  });
});
