// Drawing helpers shared by the parts of the generated invoice PDF: fonts, colours, text that the PDF
// standard fonts can show, tax ids, the QR code as vector modules. Everything here is a pure function of
// its arguments, so a document is a pure function of its input (composition may move to worker threads).

export const FONT = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  mono: 'Courier',
  monoBold: 'Courier-Bold',
} as const;
export const COLOR = {
  ink: '#1f2933',
  muted: '#616e7c',
  accent: '#0b4f8a',
  line: '#d3dce6',
  panel: '#eef3f8',
  black: '#000000',
} as const;
/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;
// Courier glyphs are all 600/1000 em wide, so a code can be cut at exact columns.
export const COURIER_ADVANCE = 0.6;

import { qrSymbol } from '../qr-code';
import type { FontName, PdfPage } from './page';

export type Doc = PdfPage;

export function style(doc: Doc, font: FontName, size: number, color: string): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** Text in a box that never grows past it: cut with an ellipsis instead. */
export function boxText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  height: number,
  align: 'left' | 'right' | 'center' = 'left',
) {
  doc.text(latin1(text), x, y, { width, height, ellipsis: true, align });
}

/** "CPF 123.456.789-09" / "CNPJ 12.345.678/0001-90", or the raw value when it has another shape. */
export function taxId(document: string | null | undefined): string | null {
  const raw = document?.trim();
  if (!raw) return null;
  const d = raw.replace(/\D/g, '');
  if (d.length === 11) return `CPF ${d.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4')}`;
  if (d.length === 14) return `CNPJ ${d.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5')}`;
  return `CPF/CNPJ ${latin1(raw)}`;
}

/** Groups a boleto's digits the way banks print them; anything else is shown as given. */
export function formatDigitableLine(line: string): string {
  if (!/^[\d\s.-]+$/.test(line)) return latin1(line);
  const d = line.replace(/\D/g, '');
  if (d.length === 47) {
    return `${d.slice(0, 5)}.${d.slice(5, 10)} ${d.slice(10, 15)}.${d.slice(15, 21)} ${d.slice(21, 26)}.${d.slice(26, 32)} ${d[32]} ${d.slice(33)}`;
  }
  if (d.length === 48 && d.startsWith('8')) {
    return [0, 12, 24, 36].map((i) => `${d.slice(i, i + 11)}-${d[i + 11]}`).join(' ');
  }
  return line.replace(/\s+/g, ' ');
}

// Helvetica and Courier here are the PDF standard fonts, encoded as WinAnsi: characters outside it
// would print as garbage, so they are folded to their unaccented letter or replaced by "?".
const WIN_ANSI_EXTRA = '–—‘’‚“”„†‡•…‰‹›€™ŒœŠšŸŽžƒˆ˜';
export function latin1(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7e\xa0-\xff]/gu, (ch) => {
    if (WIN_ANSI_EXTRA.includes(ch)) return ch;
    if (/\s/.test(ch)) return ' ';
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return /^[\x20-\x7e\xa0-\xff]+$/.test(base) ? base : '?';
  });
}

export interface QrModules {
  size: number;
  /** Dark modules as horizontal runs: [row, firstColumn, length]. */
  runs: [number, number, number][];
}

// The QR code is drawn as vector rectangles, one per horizontal run of dark modules: sharper than a
// bitmap at any zoom and on paper.
export function qrModules(text: string, QRCode: typeof import('qrcode')): QrModules {
  const { modules } = qrSymbol(text, QRCode);
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** Draws the modules in a `width` square; the caller leaves the quiet zone (4 modules) around it. */
export function drawQr(doc: Doc, qr: QrModules, x: number, y: number, width: number) {
  const m = width / qr.size;
  const cells = qr.runs.map(([row, col, len]) => [col, row, len, 1] as const);
  doc.fillGrid(x, y, { width: m, height: m }, cells, COLOR.black);
}
