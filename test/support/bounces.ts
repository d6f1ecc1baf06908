// Real bounce messages for the tests: the files of test/fixtures/bounces/, filled in with the message
// they return (its headers as our mailer wrote them) and the address that failed.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const BOUNCE_FIXTURES = fileURLToPath(new URL('../fixtures/bounces/', import.meta.url));

export type BounceFixture =
  | 'postfix-rfc3464'
  | 'postfix-plain'
  | 'gmail-rfc3464'
  | 'exim-plain'
  | 'qmail-plain'
  | 'delayed-rfc3464'
  | 'customer-reply'
  | 'out-of-office';

export interface Returned {
  /** The returned message's header block (from our sent message, or made up like it). */
  headers: string;
  messageId: string;
  recipient: string;
  sender: string;
}

/** The header block of a sent message (everything up to the first blank line). */
export const headerBlock = (raw: Buffer | string) => {
  const text = raw.toString();
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\r\n/g, '\n');
};

export const sampleHeaders = (messageId: string, noticeKey: string, recipient: string) =>
  [
    'Content-Type: multipart/mixed; boundary="--_NmP-abc"',
    'From: Provedor Exemplo <cobranca@provedor.test>',
    `To: ${recipient}`,
    'Subject: Sua fatura venceu',
    `Message-ID: ${messageId}`,
    `X-Regua-Notice: ${noticeKey}`,
    'Date: Mon, 16 Mar 2026 11:10:00 +0000',
    'MIME-Version: 1.0',
  ].join('\n');

export async function bounceMessage(fixture: BounceFixture, returned: Returned): Promise<string> {
  const template = await readFile(`${BOUNCE_FIXTURES}${fixture}.eml`, 'utf8');
  return template
    .replaceAll('{{ORIGINAL_HEADERS}}', returned.headers)
    .replaceAll('{{MESSAGE_ID}}', returned.messageId)
    .replaceAll('{{RECIPIENT}}', returned.recipient)
    .replaceAll('{{SENDER}}', returned.sender)
    .replace(/\r?\n/g, '\r\n');
}
