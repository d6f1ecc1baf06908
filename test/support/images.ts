// Small real images for tests: a PNG logo (a QR code drawn by the qrcode package, which writes PNG),
// and the decoders that read barcodes back (zbarimg) from PNG pages rendered by poppler (pdftoppm).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';

const run = promisify(execFile);

/** A PNG of `width` pixels as the data URL the company settings keep. */
export async function pngLogo(width = 120): Promise<string> {
  return QRCode.toDataURL('logo', { type: 'image/png', width, margin: 1 });
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

/** Renders every page of `pdf` to PNG at `dpi` into `dir`; returns the PNG paths in page order. */
export async function pdfToPngs(pdf: Buffer, dir: string, name: string, dpi = 300): Promise<string[]> {
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
