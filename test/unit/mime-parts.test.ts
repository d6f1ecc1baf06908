// encodeParts writes the base64 parts (the PDF, the images) without nodemailer's streams: they must be
// the very bytes nodemailer's own builder makes for the same part, whatever the content and file name.
import fc from 'fast-check';
import MimeNode from 'nodemailer/lib/mime-node';
import { describe, expect, it, vi } from 'vitest';
import { encodeParts } from '../../main/services/mime-message';

/** The part as nodemailer builds it inside a message, without the line break build() closes it with. */
async function built(type: string, content: Buffer, filename: string, cid?: string): Promise<Buffer> {
  const node = new MimeNode('multipart/mixed').createChild(type, { filename });
  if (cid) {
    node.setHeader('Content-Id', `<${cid}>`);
    node.setHeader('Content-Transfer-Encoding', 'base64');
    node.setHeader('Content-Disposition', 'inline');
  }
  node.setContent(content);
  const out = await node.build();
  return out.subarray(0, out.length - (out.subarray(-2).toString() === '\r\n' ? 2 : 0));
}

async function builtText(type: string, content: string): Promise<Buffer> {
  const node = new MimeNode('multipart/mixed').createChild(type, {});
  node.setContent(content);
  const out = await node.build();
  return out.subarray(0, out.length - (out.subarray(-2).toString() === '\r\n' ? 2 : 0));
}

// Lengths around the 57 bytes that make one 76-character base64 line, and names that need encoding.
const content = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc.integer({ min: 0, max: 6 }).map((k) => new Uint8Array(57 * k).fill(7)),
  fc.integer({ min: 20_000, max: 40_000 }).map((n) => new Uint8Array(n).map((_, i) => (i * 31) % 251)),
);
const filename = fc.oneof(
  fc.constant('fatura-2026000123.pdf'),
  fc.string({ minLength: 1, maxLength: 120 }).map((s) => `${s}.pdf`),
  fc.constant(`fatura-${'Conceição D’Ávila — '.repeat(8)}.pdf`),
);

// Texts as layouts make them: accents, long lines, trailing spaces, dots, CRLF and LF, pure ASCII.
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        'Olá, ',
        'Conceição ',
        'R$ 1.234,56',
        '  ',
        '\t',
        '.',
        '\r\n',
        '\n',
        '=',
        'x'.repeat(90),
        '—',
        '😀',
      ),
      {
        maxLength: 80,
      },
    )
    .map((parts) => parts.join('')),
);

describe('encodeParts', () => {
  it("encodes a notice's usual parts without nodemailer's stream builder", async () => {
    const build = vi.spyOn(MimeNode.prototype, 'build');
    try {
      await encodeParts({
        text: 'Olá, Maria! Sua fatura de março vence em 20/03/2026.',
        html: '<p>Olá, <b>Maria</b>! Sua fatura de março vence em 20/03/2026.</p>',
        pdf: { filename: 'fatura-2026000123.pdf', content: Buffer.alloc(5000, 7) },
        inline: [{ cid: 'pix-qrcode', filename: 'pix-qrcode.png', content: Buffer.alloc(900, 1) }],
      });
      expect(build).not.toHaveBeenCalled();
    } finally {
      build.mockRestore();
    }
  });

  it('the text and HTML parts are byte for byte what nodemailer builds', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (plain, html) => {
        const parts = await encodeParts({ text: plain, html, pdf: null, inline: [] });
        expect(parts.text.toString('latin1')).toBe(
          (await builtText('text/plain; charset=utf-8', plain)).toString('latin1'),
        );
        expect(parts.html.toString('latin1')).toBe(
          (await builtText('text/html; charset=utf-8', html)).toString('latin1'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the PDF part is byte for byte what nodemailer builds', async () => {
    await fc.assert(
      fc.asyncProperty(content, filename, async (bytes, name) => {
        const pdf = Buffer.from(bytes);
        const parts = await encodeParts({
          text: 't',
          html: '<p>h</p>',
          pdf: { filename: name, content: pdf },
          inline: [],
        });
        expect(parts.pdf!.equals(await built('application/pdf', pdf, name))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('an inline image part is byte for byte what nodemailer builds', async () => {
    await fc.assert(
      fc.asyncProperty(content, async (bytes) => {
        const png = Buffer.from(bytes);
        const parts = await encodeParts({
          text: 't',
          html: '<img src="cid:pix-qrcode">',
          pdf: null,
          inline: [{ cid: 'pix-qrcode', filename: 'pix-qrcode.png', content: png }],
        });
        const part = parts.inline[0]!.part;
        expect(part.equals(await built('image/png', png, 'pix-qrcode.png', 'pix-qrcode'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
