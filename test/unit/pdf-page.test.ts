// The PDF writer behind the generated invoice (main/services/pdf/page.ts): its font metrics are the
// Adobe ones pdfkit measures with, its text layout keeps within the box it is given, and the file it
// writes is read back whole by a PDF reader.
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { PdfPage, type FontName } from '../../main/services/pdf/page';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';

const FONTS: FontName[] = ['Helvetica', 'Helvetica-Bold', 'Courier', 'Courier-Bold'];
// WinAnsi (Windows-1252) codes 128-159 as Unicode; the five it leaves undefined stay as their code.
const CODES_128_159 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';
const winAnsiChar = (code: number) =>
  code >= 128 && code < 160 ? CODES_128_159[code - 128]! : String.fromCharCode(code);
const info = {
  title: 'Teste',
  subject: 'Página de teste',
  creator: 'Régua',
  producer: 'Régua',
  creationDate: new Date('2026-03-01T12:00:00Z'),
  lang: 'pt-BR',
};

async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('PdfPage', () => {
  it.each(FONTS)('%s: every WinAnsi character as wide as pdfkit measures it, lines as tall', (font) => {
    const kit = new PDFDocument().font(font).fontSize(10);
    const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 }).font(font).fontSize(10);
    // 127 and the five codes WinAnsi leaves undefined have no glyph: they are written as "?".
    const undefinedCodes = [0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d];
    for (let code = 32; code < 256; code++) {
      if (undefinedCodes.includes(code)) continue;
      const ch = winAnsiChar(code);
      expect(page.widthOfString(ch), `${font} ${code}`).toBeCloseTo(kit.widthOfString(ch), 6);
    }
    expect(page.currentLineHeight()).toBeCloseTo(kit.currentLineHeight(true), 6);
  });

  it('wraps within the width, stops at the height and ends a cut text in an ellipsis', async () => {
    const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 }).font('Helvetica').fontSize(10);
    const words = 'Conceição da Silva pagou a fatura de março em dia '.repeat(12).trim();
    const lineHeight = page.currentLineHeight();
    expect(page.heightOfString(words, { width: 200 })).toBeGreaterThan(5 * lineHeight);
    page.text(words, 50, 100, { width: 200, height: 2.5 * lineHeight, ellipsis: true });
    expect(page.y).toBeCloseTo(100 + 2 * lineHeight, 6); // two lines fit in the box
    expect(page.x).toBe(50);
    const lines = (await textOf(page.toBuffer(info))).split('\n').filter((l) => l.includes('Concei'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    for (const line of lines) expect(page.widthOfString(line)).toBeLessThanOrEqual(200);
  });

  it('cuts a word wider than the box where the line stands, and draws the first line even if too tall', () => {
    const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 }).font('Courier').fontSize(10);
    // Courier: 6 points a character, so 10 characters in 60 points.
    page.text(`Nº ${'N'.repeat(25)}`, 0, 0, { width: 60 });
    expect(page.y).toBeCloseTo(3 * page.currentLineHeight(), 6);
    page.text('sem espaço', 0, 0, { width: 60, height: 1 });
    expect(page.y).toBeCloseTo(page.currentLineHeight(), 6);
  });

  it('lays out a text that fits on a line as the word-by-word wrapping does, to the last point', () => {
    // Seed: REGUA_PROPERTY_SEED (printed).
    const words = fc.constantFrom(
      'Fatura',
      'Conceição',
      'R$ 1.234,56',
      '-',
      '--',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      'é',
      '😀',
      '€',
      'x-y',
    );
    const text = fc
      .array(fc.oneof(words, fc.string({ maxLength: 6 })), { maxLength: 8 })
      .map((w) => w.join(''));
    // Widths at the text's own width and a hair either side of it, where sums of word widths round.
    const slack = fc.constantFrom(-1, -1e-6, -1e-12, 0, 1e-12, 1e-6, 1, 50);
    fc.assert(
      fc.property(
        fc.constantFrom(...FONTS),
        fc.constantFrom(5.8, 8.5, 10, 12.2),
        text,
        slack,
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (font, size, t, d, max, ellipsis) => {
          const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 }).font(font).fontSize(size);
          const width = Math.max(0, page.widthOfString(t.trimEnd()) + d);
          expect(page.lines(t, width, max, ellipsis)).toEqual(page.wrap(t, width, max, ellipsis));
        },
      ),
      { numRuns: propertyRuns(500), seed: propertySeed('pdf-page-lines') },
    );
  });

  it('writes what WinAnsi lacks as "?", keeps accents, and the file reads back', async () => {
    const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 });
    page.font('Helvetica-Bold').fontSize(12).text('Ação “Fibra” — R$ 1.234,56 € 😀 ∑ (ok) \\', 40, 40);
    const text = await textOf(page.toBuffer(info));
    expect(text).toContain('Ação “Fibra” — R$ 1.234,56 € ? ? (ok) \\');
  });

  it('is a pure function of what was drawn', () => {
    const draw = () => {
      const page = new PdfPage(595.28, 841.89, { right: 28, bottom: 10 });
      page.rect(10, 10, 50, 20).fill('#0b4f8a');
      page
        .font('Helvetica')
        .fontSize(9)
        .fillColor('#1f2933')
        .text('Fatura', 10, 40, { align: 'right', width: 100 });
      return page.toBuffer(info);
    };
    expect(draw().equals(draw())).toBe(true);
  });
});
