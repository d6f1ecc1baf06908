// The inline PIX QR image is written by qr-code.ts, not by qrcode's PNG renderer: it must show the same
// pixels (so mail clients and banking apps see what they saw before) and read back as the PIX code.
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPng, qrSymbol } from '../../main/services/qr-code';
import { pixQrPng } from '../../main/services/inline-images';
import { decodeSymbols } from '../support/images';

// pngjs (qrcode's own PNG codec) ships no types.
type Decoded = { width: number; height: number; data: Buffer };
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): Decoded } } };

const PIX =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

describe('the inline PIX QR code', () => {
  it.each([
    [PIX, 4, 360],
    ['x', 4, 360],
    ['a'.repeat(300), 4, 360],
    [PIX, 2, 101],
    [PIX, 4, 500],
  ])('has the pixels of qrcode’s own PNG (%#)', async (text, margin, width) => {
    const mine = PNG.sync.read(qrPng(qrSymbol(text, QRCode), margin, width));
    const theirs = PNG.sync.read(
      await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin, width }),
    );
    expect([mine.width, mine.height]).toEqual([theirs.width, theirs.height]);
    expect(Buffer.compare(mine.data, theirs.data)).toBe(0);
  });

  it('reads back as the PIX code', async () => {
    expect(await decodeSymbols(await pixQrPng(PIX))).toEqual([`QR-Code:${PIX}`]);
  });
});
