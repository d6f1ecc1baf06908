// A minimal PNG writer for the company logo: 8-bit RGB, no transparency, no interlace. A PDF library
// copies such an image's data as it is, where a PNG with an alpha channel must be decoded and split
// for every document (measured: 0.5 ms against 20 ms per invoice PDF for a 600×240 logo). The Empresa
// screen draws the chosen file on white and writes it with this; the deflate step is given by the
// caller (CompressionStream in the browser, zlib in Node).

/** zlib-wrapped deflate of the bytes (what PNG's IDAT holds). */
export type Deflate = (bytes: Uint8Array) => Promise<Uint8Array>;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * PNG bytes of an image given as RGBA pixels (a canvas's ImageData), composited on white: transparent
 * parts come out white, as they would print.
 */
export async function encodeOpaquePng(
  width: number,
  height: number,
  rgba: Uint8Array | Uint8ClampedArray,
  deflate: Deflate,
): Promise<Uint8Array> {
  // Each row: filter type 0 (none), then R G B per pixel.
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0, o = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = rgba[i + 3]! / 255;
      for (let c = 0; c < 3; c++) raw[o++] = Math.round(rgba[i + c]! * a + 255 * (1 - a));
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
