// assembleMessage writes a whole message in one buffer instead of nodemailer's composer streaming it:
// the bytes must be the ones nodemailer's sendMail makes of the same mail (boundaries and Date aside,
// which nodemailer draws for every message), with the same envelope, whatever the subject, the names,
// the custom header fields and the parts the message has.
// Seed: REGUA_PROPERTY_SEED (printed).
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { assembleMessage, encodeParts, type MessageHeaders } from '../../main/services/mime-message';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';

const seed = propertySeed('mime-message');
const RUNS = propertyRuns(150);

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

/** Boundaries numbered in order of appearance, and the Date field's value blanked. */
function normalized(raw: Buffer): string {
  let text = raw.toString('latin1');
  const boundaries = [...text.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]!);
  boundaries.forEach((b, i) => (text = text.split(b).join(`BOUNDARY-${i}`)));
  return text.replace(/^Date: .*$/m, 'Date: -');
}

interface Case {
  headers: MessageHeaders;
  text: string;
  html: string;
  pdf: boolean;
  images: number;
}

async function both({ headers, text, html, pdf, images }: Case) {
  const parts = await encodeParts({
    text,
    html,
    pdf: pdf ? { filename: 'fatura-2026000123.pdf', content: Buffer.alloc(3000, 9) } : null,
    inline: Array.from({ length: images }, (_, i) => ({
      cid: `img-${i}@regua`,
      filename: `img-${i}.png`,
      content: Buffer.alloc(200 + i, i),
    })),
  });
  const inline = parts.inline.map((p) => ({ cid: p.cid, encoded: p.part }));
  const attachments = parts.pdf ? [{ encoded: parts.pdf }] : [];
  const ours = await assembleMessage(headers, {
    text: { encoded: parts.text },
    html: { encoded: parts.html },
    inline,
    attachments,
  });
  const theirs = await composer.sendMail({
    from: headers.from,
    to: headers.to,
    replyTo: headers.replyTo,
    subject: headers.subject,
    messageId: headers.messageId,
    headers: headers.headers,
    text: { raw: parts.text },
    html: { raw: parts.html },
    attachments: [
      ...inline.map((i) => ({ raw: i.encoded, cid: i.cid })),
      ...attachments.map((a) => ({ raw: a.encoded })),
    ],
  });
  return { ours, theirs: { raw: theirs.message as Buffer, envelope: theirs.envelope } };
}

const base: Case = {
  headers: {
    from: { name: 'Conecta Fibra Telecom', address: 'cobranca@conectafibra.example' },
    to: ['maria.souza@exemplo.com.br'],
    subject: 'Sua fatura vence hoje: R$ 99,90',
    messageId: '<fatura-2026000123.no@conectafibra.example>',
    headers: { 'X-Regua-Notice': 'boleto|no|fat-1|2026-03-15' },
  },
  text: 'Olá, Maria! Sua fatura vence hoje.',
  html: '<p>Olá, <b>Maria</b>! Sua fatura vence hoje.</p><img src="cid:img-0@regua">',
  pdf: true,
  images: 1,
};

describe('assembleMessage', () => {
  it("is nodemailer's message for every shape a notice takes", async () => {
    for (const pdf of [true, false])
      for (const images of [0, 1, 2]) {
        const { ours, theirs } = await both({ ...base, pdf, images });
        expect(normalized(ours.raw)).toBe(normalized(theirs.raw));
        expect(ours.envelope).toEqual(theirs.envelope);
        // One boundary per multipart node, each drawn anew: mixed, alternative, related.
        expect(new Set(normalized(ours.raw).match(/BOUNDARY-\d+/g)).size).toBe(
          (pdf ? 1 : 0) + 1 + (images > 0 ? 1 : 0),
        );
      }
  });

  it("is nodemailer's message whatever the header fields hold", async () => {
    const words = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.constantFrom('Fatura de março — R$ 1.234,56', 'Conceição D’Ávila', '=?utf-8?q?x?=', 'a'.repeat(120)),
    );
    const address = fc.constantFrom(
      'maria@exemplo.com.br',
      'jose.silva+fatura@provedor.net.br',
      'joão@exemplo.com.br',
      'financeiro@açaí.example',
    );
    const headers = fc.record({
      from: fc.record({ name: words, address }),
      to: fc.array(address, { minLength: 1, maxLength: 3 }),
      replyTo: fc.option(address, { nil: undefined }),
      subject: words,
      messageId: fc.constant('<fatura-1.antes5@conectafibra.example>'),
      headers: fc.option(
        fc.dictionary(fc.constantFrom('X-Regua-Notice', 'List-Unsubscribe', 'X-Entity-Ref-ID'), words, {
          maxKeys: 3,
        }),
        { nil: undefined },
      ),
    });
    await fc.assert(
      fc.asyncProperty(headers, fc.boolean(), fc.integer({ min: 0, max: 2 }), async (h, pdf, images) => {
        const { ours, theirs } = await both({ ...base, headers: h, pdf, images });
        expect(normalized(ours.raw)).toBe(normalized(theirs.raw));
        expect(ours.envelope).toEqual(theirs.envelope);
      }),
      { numRuns: RUNS, seed },
    );
  });
});
