// Bounces as mail servers really write them: RFC 3464 reports (Postfix, Gmail), the plain-text forms
// (Postfix without MIME, Exim, qmail), and what is not a bounce at all (a reply, an out-of-office).
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../main/services/bounces/parse-bounce';
import { describeBounce } from '../../main/services/bounces/reasons';
import { decodeWords, parseMime } from '../../main/services/bounces/mime';
import { bounceMessage, sampleHeaders, type BounceFixture } from '../support/bounces';

const MESSAGE_ID = '<regua.0123456789abcdef0123456789abcdef@provedor.test>';
const KEY = 'f1|after_due|13|2026-03-03';
const returned = (recipient = 'maria@exemplo.test') => ({
  headers: sampleHeaders(MESSAGE_ID, KEY, recipient),
  messageId: MESSAGE_ID,
  recipient,
  sender: 'cobranca@provedor.test',
});
const parse = async (fixture: BounceFixture, recipient?: string) =>
  parseBounce(await bounceMessage(fixture, returned(recipient)));

describe('parseBounce', () => {
  it('reads a Postfix RFC 3464 report: recipient, action, status, diagnostic and our ids', async () => {
    expect(await parse('postfix-rfc3464')).toEqual({
      format: 'rfc3464',
      recipients: [
        {
          address: 'maria@exemplo.test',
          action: 'failed',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <maria@exemplo.test>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      ],
      messageIds: [MESSAGE_ID],
      noticeKey: KEY,
    });
  });

  it("reads Gmail's report, whose returned message is a message/rfc822 part", async () => {
    const report = await parse('gmail-rfc3464', 'Joao.Silva@Exemplo.test');
    expect(report).toMatchObject({
      format: 'rfc3464',
      recipients: [{ address: 'joao.silva@exemplo.test', action: 'failed', status: '5.1.1' }],
      messageIds: [MESSAGE_ID],
      noticeKey: KEY,
    });
    expect(report!.recipients[0]!.diagnostic).toContain('does not exist');
  });

  it('reads the plain-text Postfix form (no MIME report)', async () => {
    expect(await parse('postfix-plain')).toMatchObject({
      format: 'text',
      recipients: [{ address: 'maria@exemplo.test', action: 'failed', status: '5.1.1' }],
      messageIds: [MESSAGE_ID],
      noticeKey: KEY,
    });
  });

  it("reads Exim's form (X-Failed-Recipients, indented list)", async () => {
    const report = await parse('exim-plain');
    expect(report).toMatchObject({
      format: 'text',
      recipients: [{ address: 'maria@exemplo.test', action: 'failed', status: '5.2.2' }],
      messageIds: [MESSAGE_ID],
      noticeKey: KEY,
    });
    expect(report!.recipients[0]!.diagnostic).toContain('over quota');
  });

  it("reads qmail's form, with its (#5.1.2) status", async () => {
    expect(await parse('qmail-plain')).toMatchObject({
      recipients: [{ address: 'maria@exemplo.test', action: 'failed', status: '5.1.2' }],
      messageIds: [MESSAGE_ID],
    });
  });

  it('a "still being retried" report is delayed, not failed', async () => {
    expect(await parse('delayed-rfc3464')).toMatchObject({
      recipients: [{ action: 'delayed', status: '4.4.1' }],
    });
  });

  it("a customer's reply quoting our Message-ID and an out-of-office answer are not bounces", async () => {
    expect(await parse('customer-reply')).toBeNull();
    expect(await parse('out-of-office')).toBeNull();
  });

  it('finds a notice key that came back encoded (a non-ASCII invoice id)', async () => {
    const headers = sampleHeaders(
      MESSAGE_ID,
      '=?UTF-8?Q?F=C3=A1tura-1|on=5Fdue|0|2026-03-03?=',
      'maria@exemplo.test',
    );
    const raw = await bounceMessage('postfix-rfc3464', { ...returned(), headers });
    expect(parseBounce(raw)?.noticeKey).toBe('Fátura-1|on_due|0|2026-03-03');
  });
});

describe('describeBounce', () => {
  const meaning = (status: string | null, diagnostic: string | null = null) =>
    describeBounce({ address: 'maria@exemplo.test', status, diagnostic });

  it('says in plain Portuguese what happened, and whether the address is gone for good', () => {
    expect(meaning('5.1.1')).toEqual({
      reason: 'o e-mail maria@exemplo.test não existe (caixa postal inexistente)',
      permanent: true,
    });
    expect(meaning('5.0.0', '550 No such user here')).toMatchObject({ permanent: true });
    expect(meaning('5.1.2')).toEqual({
      reason: 'o domínio de maria@exemplo.test não existe ou não recebe e-mails (domínio inexistente)',
      permanent: true,
    });
    expect(meaning('5.2.1')).toMatchObject({
      reason: 'a caixa postal de maria@exemplo.test está desativada',
      permanent: true,
    });
    expect(meaning('5.2.2')).toEqual({
      reason: 'a caixa postal de maria@exemplo.test está cheia',
      permanent: false,
    });
    expect(meaning('5.7.1', 'Message rejected as spam')).toMatchObject({ permanent: false });
    expect(meaning('5.7.1').reason).toContain('confira SPF, DKIM e DMARC');
    expect(meaning('4.4.7').reason).toContain('não respondeu a tempo');
    expect(meaning('5.0.0', '550 Recipient address rejected: Access denied')).toEqual({
      reason: 'o servidor de maria@exemplo.test recusou a mensagem',
      permanent: false,
    });
  });
});

describe('mime', () => {
  it('decodes encoded words, base64 and quoted-printable bodies with their charsets', () => {
    expect(decodeWords('=?ISO-8859-1?Q?N=E3o_entregue?= =?UTF-8?B?w6AgTWFyaWE=?=')).toBe(
      'Não entregueà Maria',
    );
    const part = parseMime(
      'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nN=E3o existe=\r\n mais',
    );
    expect(part.text).toBe('Não existe mais');
    const b64 = parseMime(
      'Content-Transfer-Encoding: base64\r\n\r\n' + Buffer.from('olá').toString('base64'),
    );
    expect(b64.text).toBe('olá');
  });

  // Node 20 decodes windows-1252 as Latin-1: 0x80–0x9F (Word's quotes and dashes, €) came out as
  // control characters in a bounce written by a Windows mail server.
  it('reads windows-1252 bodies and encoded words with their quotes, dashes and €', () => {
    const part = parseMime(
      'Content-Type: text/plain; charset=windows-1252\r\n' +
        'Content-Transfer-Encoding: quoted-printable\r\n\r\n' +
        '=93A=E7=E3o=94 =96 R=80 10',
    );
    expect(part.text).toBe('“Ação” – R€ 10');
    expect(decodeWords('=?windows-1252?Q?A=E7=E3o_=96_Cia?=')).toBe('Ação – Cia');
    expect(decodeWords('=?iso-8859-1?Q?Jos=E9?=')).toBe('José');
  });
});
