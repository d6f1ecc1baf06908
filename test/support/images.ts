// Small real images for tests: a PNG logo (a QR code reading "logo", written as the Empresa screen
// writes logos: opaque RGB, shared/png.ts), and the decoders that read barcodes back (zbarimg) from
// PNG pages rendered by poppler (pdftoppm).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { encodeOpaquePng } from '../../shared/png';

const run = promisify(execFile);

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

const MISSING_TOOLS =
  'zbarimg e pdftoppm são necessários para ler os códigos de volta: apt-get install -y zbar-tools poppler-utils';

/** Fails the test with the install command when the decoders are missing (never skips). */
export async function requireDecoders(): Promise<void> {
  try {
    await run('zbarimg', ['--version']);
    await run('pdftoppm', ['-v']);
  } catch {
    throw new Error(MISSING_TOOLS);
  }
}

/** Renders every page of `pdf` to PNG at `dpi` into `dir`; returns the PNG paths in page order. At 200 dpi a
 * boleto's narrow bar is 2 pixels, about what a phone's camera sees. */
export async function pdfToPngs(pdf: Buffer, dir: string, name: string, dpi = 200): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  await run('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, name)]);
  return (await readdir(dir))
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every symbol zbarimg reads in an image, as "TYPE:data" lines (e.g. "I2/5:2379…", "QR-Code:0002…"). */
export async function decodeSymbols(image: string | Buffer): Promise<string[]> {
  let path = image as string;
  if (Buffer.isBuffer(image)) {
    path = join(await mkdtemp(join(tmpdir(), 'regua-zbar-')), 'image.png');
    await writeFile(path, image);
  }
  const { stdout } = await run('zbarimg', ['--quiet', '--nodbus', path]).catch(
    (e: { stdout?: string; code?: number }) => {
      if (e.code === 4) return { stdout: '' }; // zbarimg: no symbol found
      throw e;
    },
  );
  return stdout.split('\n').filter(Boolean);
}
