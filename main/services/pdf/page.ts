// A one-page PDF drawn with the PDF standard fonts (not embedded), written directly. It answers the
// part of pdfkit's drawing API the invoice page uses, with pdfkit's layout rules (text placed by the top
// of its line, lines as tall as the font's ascender + gap - descender, wrapping within a width and a
// height with an ellipsis), so the page looks as it did. pdfkit rebuilt the fonts' metric and kerning
// tables for every document and measured every word through them: ~5 of the ~9 ms of CPU a notice cost
// to compose. Here a page with its QR code and barcode costs about a millisecond; text is not kerned.
// The file itself is written by pdf-file.ts.
import { num, readPng, writePdf, type PageInfo, type PngImage } from './pdf-file';
import { STANDARD_FONT_METRICS } from './standard-font-metrics';

export type { PageInfo } from './pdf-file';

export type FontName = keyof typeof STANDARD_FONT_METRICS;

export interface TextOptions {
  /** Wrap within this width; without one, the rest of the line up to the right margin. */
  width?: number;
  /** Lines stop where the next would pass this height below the first line's top. */
  height?: number;
  /** The last line that fits ends in "…" when text is left over. */
  ellipsis?: boolean;
  align?: 'left' | 'right' | 'center';
  /** false, with no width: one line, not wrapped, and the position moves right instead of down. */
  lineBreak?: boolean;
}

// Unicode → WinAnsi (Windows-1252) for the characters it has outside Latin-1.
// prettier-ignore
const WIN_ANSI: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};
const QUESTION = 0x3f;
const ELLIPSIS = '…';

/** The WinAnsi code of the character at `i` of `text` (a surrogate pair is one "?"). */
function winAnsiAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? c : (WIN_ANSI[c] ?? QUESTION);
}

/** Whether `text` has the second half of a surrogate pair at `i`: counted with the first. */
const isTrail = (text: string, i: number) =>
  i > 0 && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;

/** The WinAnsi code of each character; what the encoding lacks becomes "?". */
function winAnsiCodes(text: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) if (!isTrail(text, i)) codes.push(winAnsiAt(text, i));
  return codes;
}

// Printable ASCII but ( ) and \: written into a literal string as it is, the WinAnsi code of each
// character being the character itself.
const PLAIN = /^[\x20-\x27\x2a-\x5b\x5d-\x7e]*$/;

/** `text` as a PDF literal string of WinAnsi codes (see literal). */
const literalOf = (text: string) => (PLAIN.test(text) ? `(${text})` : literal(winAnsiCodes(text)));

/** A PDF literal string of WinAnsi codes, in ASCII: ( ) \ escaped, codes above 126 in octal. */
function literal(codes: number[]): string {
  let out = '(';
  for (const c of codes) {
    if (c === 0x28 || c === 0x29 || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(c);
  }
  return `${out})`;
}

// A page sets a handful of colours, each many times: each is written out once.
const RGB = new Map<string, string>();
function rgb(hex: string): string {
  let out = RGB.get(hex);
  if (out === undefined) {
    const v = Number.parseInt(hex.slice(1), 16);
    out = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => num(c / 255)).join(' ');
    if (RGB.size < 64) RGB.set(hex, out);
  }
  return out;
}

// Bezier handle length for a quarter circle, as pdfkit draws rounded corners.
const KAPPA = (4 * (Math.SQRT2 - 1)) / 3;

export class PdfPage {
  /** Where the next text goes when none is given: left edge and top of its first line. */
  x = 0;
  y = 0;
  private readonly content: string[] = [];
  private path: string[] = [];
  private fontName: FontName = 'Helvetica';
  private size = 12;
  private fillHex = '#000000';
  // The graphics state as written to the content so far: only changes are written.
  private written = { fill: '#000000', stroke: '#000000', lineWidth: 1, dash: '[] 0' };
  private pendingLineWidth = 1;
  private pendingDash = '[] 0';
  private readonly fonts = new Map<FontName, string>();
  private readonly images: PngImage[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly margins: { right: number; bottom: number },
  ) {}

  // ---- text ----

  font(name: FontName): this {
    this.fontName = name;
    return this;
  }

  fontSize(size: number): this {
    this.size = size;
    return this;
  }

  fillColor(hex: string): this {
    this.fillHex = hex;
    return this;
  }

  /** Height of a line of the current font and size, gap included. */
  currentLineHeight(): number {
    return (STANDARD_FONT_METRICS[this.fontName].lineHeight / 1000) * this.size;
  }

  moveDown(lines = 1): this {
    this.y += this.currentLineHeight() * lines;
    return this;
  }

  widthOfString(text: string): number {
    const widths = STANDARD_FONT_METRICS[this.fontName].widths;
    let w = 0;
    for (let i = 0; i < text.length; i++) if (!isTrail(text, i)) w += widths[winAnsiAt(text, i) - 32] ?? 0;
    return (w / 1000) * this.size;
  }

  heightOfString(text: string, options: { width: number }): number {
    return this.wrap(text, options.width, Infinity, false).length * this.currentLineHeight();
  }

  text(text: string, options?: TextOptions): this;
  text(text: string, x: number, y: number, options?: TextOptions): this;
  text(text: string, a?: number | TextOptions, b?: number, c?: TextOptions): this {
    let options: TextOptions;
    if (typeof a === 'object' || a === undefined) options = a ?? {};
    else {
      this.x = a;
      if (b !== undefined) this.y = b;
      options = c ?? {};
    }
    let width = options.width;
    if (width === undefined && options.lineBreak !== false) width = this.width - this.x - this.margins.right;
    if (width === undefined) {
      for (const line of text.split('\n')) {
        this.fragment(line, this.x, this.y);
        this.x += this.widthOfString(line);
      }
      return this;
    }
    width = Math.max(width, 0);
    const lineHeight = this.currentLineHeight();
    const bottom = options.height === undefined ? this.height - this.margins.bottom : this.y + options.height;
    // The first line is always drawn; each next one only when it ends above the bottom.
    const fitting = Math.max(1, Math.floor((bottom - this.y) / lineHeight + 1e-9));
    const lines = this.lines(text, width, fitting, options.ellipsis === true);
    for (const line of lines) {
      const shown = line.trimEnd();
      const offset =
        options.align === 'right'
          ? width - this.widthOfString(shown)
          : options.align === 'center'
            ? (width - this.widthOfString(shown)) / 2
            : 0;
      this.fragment(shown, this.x + offset, this.y);
      this.y += lineHeight;
    }
    return this;
  }

  /**
   * The lines `text` takes within `width` (see wrap). Most texts on a page, captions and values, are
   * one line that fits: measured whole, not word by word. A text within a hair of the width goes
   * through wrap, whose sums of word widths could round the other way.
   */
  lines(text: string, width: number, max: number, ellipsis: boolean): string[] {
    if (text !== '' && !text.includes('\n') && this.widthOfString(text.trimEnd()) < width - 1e-9)
      return [text];
    return this.wrap(text, width, max, ellipsis);
  }

  /**
   * Greedy lines of `text` within `width`, breaking after spaces and hyphens (and inside a word too
   * long for a line), at most `max` of them; with `ellipsis`, a cut last line ends in "…".
   */
  wrap(text: string, width: number, max: number, ellipsis: boolean): string[] {
    if (text === '') return [];
    const lines: string[] = [];
    let cut = false;
    // Adds a line; false, with the text marked cut, when `max` lines are there already.
    const push = (line: string) => {
      if (lines.length === max) cut = true;
      else lines.push(line);
      return !cut;
    };
    outer: for (const paragraph of text.split('\n')) {
      const words = paragraph.match(/[^\s-]+-+|[^\s-]*\s+|-+\s*|[^\s-]+/g) ?? [''];
      let line = '';
      let lineWidth = 0;
      for (let word of words) {
        while (word) {
          const w = this.widthOfString(word.replace(/\s+$/, ''));
          if (w > width) {
            // A word wider than a whole line: as many characters as fit where the line stands (at
            // least one on an empty line), the rest on the next lines.
            let n = 0;
            while (n < word.length && lineWidth + this.widthOfString(word.slice(0, n + 1)) <= width) n++;
            if (n === 0 && line === '') n = 1;
            if (!push(line + word.slice(0, n))) break outer;
            line = '';
            lineWidth = 0;
            word = word.slice(n);
            continue;
          }
          if (line === '' || lineWidth + w <= width) {
            line += word;
            lineWidth += this.widthOfString(word);
            word = '';
          } else {
            if (!push(line)) break outer;
            line = '';
            lineWidth = 0;
          }
        }
      }
      if (!push(line)) break;
    }
    if (cut && ellipsis && lines.length > 0) {
      let last = lines[lines.length - 1]!.replace(/\s+$/, '');
      while (last && this.widthOfString(last + ELLIPSIS) > width)
        last = last.slice(0, -1).replace(/\s+$/, '');
      lines[lines.length - 1] = this.widthOfString(last + ELLIPSIS) <= width ? last + ELLIPSIS : last;
    }
    return lines;
  }

  /** One line of text with the top of its line at y. */
  private fragment(text: string, x: number, y: number) {
    if (text === '') return;
    const metrics = STANDARD_FONT_METRICS[this.fontName];
    let id = this.fonts.get(this.fontName);
    if (!id) this.fonts.set(this.fontName, (id = `F${this.fonts.size + 1}`));
    this.setFill(this.fillHex);
    const baseline = this.height - y - (metrics.ascender / 1000) * this.size;
    this.content.push(
      `BT /${id} ${num(this.size)} Tf ${num(x)} ${num(baseline)} Td ${literalOf(text)} Tj ET`,
    );
  }

  // ---- paths ----

  moveTo(x: number, y: number): this {
    this.path.push(`${num(x)} ${num(this.height - y)} m`);
    return this;
  }

  lineTo(x: number, y: number): this {
    this.path.push(`${num(x)} ${num(this.height - y)} l`);
    return this;
  }

  rect(x: number, y: number, w: number, h: number): this {
    this.path.push(`${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re`);
    return this;
  }

  roundedRect(x: number, y: number, w: number, h: number, r: number): this {
    r = Math.min(r, w / 2, h / 2);
    const c = r * (1 - KAPPA);
    const H = this.height;
    const p = (...xy: number[]) => xy.map((v, i) => num(i % 2 ? H - v : v)).join(' ');
    this.path.push(
      `${p(x + r, y)} m`,
      `${p(x + w - r, y)} l`,
      `${p(x + w - c, y, x + w, y + c, x + w, y + r)} c`,
      `${p(x + w, y + h - r)} l`,
      `${p(x + w, y + h - c, x + w - c, y + h, x + w - r, y + h)} c`,
      `${p(x + r, y + h)} l`,
      `${p(x + c, y + h, x, y + h - c, x, y + h - r)} c`,
      `${p(x, y + r)} l`,
      `${p(x, y + c, x + c, y, x + r, y)} c`,
      'h',
    );
    return this;
  }

  /**
   * Fills rectangles given in cells of a grid whose top left corner is at x, y: [column, row, width,
   * height] in cells. Whole numbers keep the content short, which a QR code's hundreds of runs need.
   */
  fillGrid(
    x: number,
    y: number,
    cell: { width: number; height: number },
    rects: Iterable<readonly [number, number, number, number]>,
    hex: string,
  ): this {
    this.setFill((this.fillHex = hex));
    this.content.push(`q ${num(cell.width)} 0 0 ${num(-cell.height)} ${num(x)} ${num(this.height - y)} cm`);
    for (const [col, row, w, h] of rects) this.content.push(`${col} ${row} ${w} ${h} re`);
    this.content.push('f Q');
    return this;
  }

  lineWidth(width: number): this {
    this.pendingLineWidth = width;
    return this;
  }

  dash(length: number, options: { space: number }): this {
    this.pendingDash = `[${num(length)} ${num(options.space)}] 0`;
    return this;
  }

  undash(): this {
    this.pendingDash = '[] 0';
    return this;
  }

  stroke(hex?: string): this {
    const w = this.written;
    if (hex && hex !== w.stroke) this.content.push(`${rgb((w.stroke = hex))} RG`);
    if (this.pendingLineWidth !== w.lineWidth)
      this.content.push(`${num((w.lineWidth = this.pendingLineWidth))} w`);
    if (this.pendingDash !== w.dash) this.content.push(`${(w.dash = this.pendingDash)} d`);
    return this.paint('S');
  }

  /** Fills the path; the colour stays the fill colour, as in pdfkit. */
  fill(hex?: string): this {
    if (hex) this.fillHex = hex;
    this.setFill(this.fillHex);
    return this.paint('f');
  }

  private paint(operator: string): this {
    this.content.push(...this.path, operator);
    this.path = [];
    return this;
  }

  private setFill(hex: string) {
    if (hex !== this.written.fill) this.content.push(`${rgb((this.written.fill = hex))} rg`);
  }

  // ---- images ----

  /** A PNG scaled to fit the box (width, height) at x, y, keeping its proportions, top left. */
  image(png: Uint8Array, x: number, y: number, options: { fit: [number, number] }): this {
    const image = readPng(png);
    const scale = Math.min(options.fit[0] / image.width, options.fit[1] / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    this.images.push(image);
    this.content.push(
      `q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(this.height - y - h)} cm /I${this.images.length} Do Q`,
    );
    return this;
  }

  /** The whole PDF file: a pure function of what was drawn and `info`. */
  toBuffer(info: PageInfo): Buffer {
    const { width, height, content, fonts, images } = this;
    return writePdf({ width, height, content: content.join('\n'), fonts: [...fonts], images }, info);
  }
}
