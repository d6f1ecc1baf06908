// The file around a page drawn by page.ts: catalog, page, content stream, the standard fonts it uses
// (named, not embedded: every PDF reader has them), its images and the document information, with
// the cross-reference table. Everything is written in a fixed order, so the same page gives the same
// bytes.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FontName } from './page';

export interface PageInfo {
  title: string;
  author?: string;
  subject: string;
  creator: string;
  producer: string;
  creationDate: Date;
  lang: string;
}

/** An image as the PDF takes it: see readPng. */
export interface PngImage {
  width: number;
  height: number;
  colorSpace: string;
  colors: number;
  data: Buffer;
}

/**
 * An opaque 8-bit PNG (grey, RGB or palette, not interlaced: what shared/logo.ts accepts) as a PDF
 * image: its compressed data is passed through, undone by the PDF reader's PNG predictor.
 */
export function readPng(bytes: Uint8Array): PngImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [depth, type, , , interlace] = buf.subarray(24, 29);
  if (depth !== 8 || ![0, 2, 3].includes(type!) || interlace !== 0)
    throw new Error('logotipo em formato de PNG não suportado');
  const data: Buffer[] = [];
  let palette: Buffer | null = null;
  for (let at = 8; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    const kind = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (kind === 'IDAT') data.push(body);
    else if (kind === 'PLTE') palette = body;
    else if (kind === 'IEND') break;
    at += 12 + length;
  }
  if (type === 3 && !palette) throw new Error('logotipo em formato de PNG não suportado');
  const colorSpace =
    type === 0
      ? '/DeviceGray'
      : type === 2
        ? '/DeviceRGB'
        : `[/Indexed /DeviceRGB ${palette!.length / 3 - 1} <${palette!.toString('hex')}>]`;
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    colorSpace,
    colors: type === 2 ? 3 : 1,
    data: Buffer.concat(data),
  };
}

/** A PDF text string for the document information: UTF-16BE with its byte order mark, in hex. */
function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/** A number as PDF writes it: at most three decimals, never an exponent. */
export const num = (n: number) => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

// Deflate's fastest level: a page's content compresses to ~4.8 KB instead of ~4.2 KB, in under half the time.
const FAST = { level: 1 };

export interface PageContent {
  width: number;
  height: number;
  /** The content stream's operators, uncompressed. */
  content: string;
  /** Each font used, with the resource name the content calls it by. */
  fonts: [FontName, string][];
  /** The images the content draws as /I1, /I2, … in this order. */
  images: PngImage[];
}

/** The whole PDF file of one page. */
export function writePdf(page: PageContent, info: PageInfo): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => objects.push(body) && objects.length;
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  add(
    `<< /Type /Catalog /Pages 2 0 R /Lang ${textString(info.lang)} /ViewerPreferences << /DisplayDocTitle true >> >>`,
  );
  add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  const pageRef = add(''); // written once the fonts' and images' numbers are known
  const content = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(page.content, 'latin1'), FAST)));
  const fonts = page.fonts.map(
    ([name, id]) =>
      `/${id} ${add(`<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`)} 0 R`,
  );
  const images = page.images.map((image, i) => {
    const n = add(
      stream(
        `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace ${image.colorSpace} /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ${image.colors} /BitsPerComponent 8 /Columns ${image.width} >>`,
        image.data,
      ),
    );
    return `/I${i + 1} ${n} 0 R`;
  });
  objects[pageRef - 1] =
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
    `/Resources << /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font << ${fonts.join(' ')} >>` +
    `${images.length ? ` /XObject << ${images.join(' ')} >>` : ''} >> /Contents ${content} 0 R >>`;
  const infoEntries = [
    ['Title', info.title],
    ['Author', info.author],
    ['Subject', info.subject],
    ['Creator', info.creator],
    ['Producer', info.producer],
  ].filter((e): e is [string, string] => typeof e[1] === 'string');
  const infoRef = add(
    `<< ${infoEntries.map(([k, v]) => `/${k} ${textString(v)}`).join(' ')} /CreationDate (${pdfDate(info.creationDate)}) >>`,
  );

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(offset);
    offset += chunk.length;
    parts.push(chunk);
  });
  const body = Buffer.concat(parts);
  const id = createHash('md5').update(body).digest('hex');
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoRef} 0 R /ID [<${id}> <${id}>] >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([body, Buffer.from(xref, 'latin1')]);
}
