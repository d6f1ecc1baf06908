// Small real images for tests: a PNG logo (a QR code reading "logo", written as the Empresa screen
// writes logos: opaque RGB, shared/png.ts), and the decoders that read barcodes back (ZXing) from PDF
// pages rendered to PNG (MuPDF) — both WebAssembly from npm, nothing to install on the machine.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { encodeOpaquePng } from '../../shared/png';

/** A logo about `width` pixels wide (a QR code reading "logo"), as the data URL the company settings keep. */
export async function pngLogo(width = 120): Promise<string> {
  const { modules } = QRCode.create('logo', { errorCorrectionLevel: 'M' });
  const margin = 2;
  const side = modules.size + 2 * margin;
  const scale = Math.max(1, Math.floor(width / side));
  const size = side * scale;
  const rgba = new Uint8Array(size * size * 4).fill(255);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, c] = [Math.floor(y / scale) - margin, Math.floor(x / scale) - margin];
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c);
      if (dark) rgba.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  const png = await encodeOpaquePng(size, size, rgba, async (bytes) => deflateSync(bytes));
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/**
 * Nothing to install: pages are rendered by MuPDF and symbols decoded by ZXing, both as WebAssembly from
 * npm (mupdf, zxing-wasm), so `npm install` is all the document tests need. Kept for the callers that
 * check first; it only loads the decoder.
 */
export async function requireDecoders(): Promise<void> {
  await zxing();
}

let reader: Promise<typeof import('zxing-wasm/reader')> | null = null;
/** The ZXing reader, its WebAssembly read from node_modules (never fetched from a CDN). */
function zxing() {
  reader ??= (async () => {
    const module = await import('zxing-wasm/reader');
    const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    await module.prepareZXingModule({
      overrides: { wasmBinary: await readFile(wasm) },
      fireImmediately: true,
    });
    return module;
  })();
  return reader;
}

/** A PDF page rendered by MuPDF at `dpi`, in RGB or grey levels. */
export async function renderPage(pdf: Buffer, pageIndex: number, dpi: number, grey = false) {
  const mupdf = await import('mupdf');
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(pageIndex);
    const scale = mupdf.Matrix.scale(dpi / 72, dpi / 72);
    const space = grey ? mupdf.ColorSpace.DeviceGray : mupdf.ColorSpace.DeviceRGB;
    return page.toPixmap(scale, space, false, true);
  } finally {
    doc.destroy();
  }
}

/** Renders every page of `pdf` to PNG at `dpi` into `dir`; returns the PNG paths in page order. At 200 dpi a
 * boleto's narrow bar is 2 pixels, about what a phone's camera sees. */
export async function pdfToPngs(pdf: Buffer, dir: string, name: string, dpi = 200): Promise<string[]> {
  const mupdf = await import('mupdf');
  await writeFile(join(dir, `${name}.pdf`), pdf);
  const pages = mupdf.Document.openDocument(pdf, 'application/pdf').countPages();
  const paths: string[] = [];
  for (let i = 0; i < pages; i++) {
    const path = join(dir, `${name}-${i + 1}.png`);
    await writeFile(path, (await renderPage(pdf, i, dpi)).asPNG());
    paths.push(path);
  }
  return paths;
}

/** zbar's names for the symbologies, which the tests were written with. */
const NAMES: Record<string, string> = { ITF: 'I2/5', QRCode: 'QR-Code' };

/** Every symbol read in an image, as "TYPE:data" lines (e.g. "I2/5:2379…", "QR-Code:0002…"). */
export async function decodeSymbols(image: string | Buffer): Promise<string[]> {
  const bytes = typeof image === 'string' ? await readFile(image) : image;
  const { readBarcodes } = await zxing();
  const found = await readBarcodes(new Blob([new Uint8Array(bytes)], { type: 'image/png' }), {
    formats: ['ITF', 'QRCode'],
    tryHarder: true,
    maxNumberOfSymbols: 16,
  });
  return found.filter((r) => r.isValid).map((r) => `${NAMES[r.format] ?? r.format}:${r.text}`);
}
