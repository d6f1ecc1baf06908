// SMTP delivery with nodemailer: one pooled transport per account, and a classification of every
// failure into what the runner must do with it (retry later, give up, stop the run).
import type { Transporter } from 'nodemailer';
import type { SmtpAccount } from '../../shared/domain';
import { signingDomain } from './deliverability/dkim';
import type { InvoiceDocument } from './documents';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import {
  droppedMidSend,
  explainSmtpError,
  type ExplainedFailure,
  type SmtpErrorFields,
} from './smtp-messages';
import type { InlineImage } from './inline-images';

export const POOL_CONNECTIONS = 5;

/** A MIME part encoded ahead of time, headers and body, exactly as send() would have encoded it. */
export interface EncodedPart {
  encoded: Buffer;
}

/** An inline image's part encoded ahead; the Content-ID travels beside it so it joins the HTML's related part. */
export interface EncodedInlinePart extends EncodedPart {
  cid: string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  html: string | EncodedPart;
  text: string | EncodedPart;
  messageId: string;
  attachments: (InvoiceDocument | EncodedPart)[];
  /** Images the HTML shows by `cid:` (QR code, logo), sent in a multipart/related part with it. */
  inline?: (InlineImage | EncodedInlinePart)[];
  /** Overrides the account's Reply-To. */
  replyTo?: string;
  headers?: Record<string, string>;
}

const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const PDF_TYPE = 'application/pdf';
const PNG_TYPE = 'image/png';

// Loaded once: a dynamic import per message costs a trip through the module loader (~ms under tsx).
type Mime = {
  MimeNode: (typeof import('nodemailer/lib/mime-node'))['default'];
  base64: typeof import('nodemailer/lib/base64');
  qp: typeof import('nodemailer/lib/qp');
};
let mime: Promise<Mime> | null = null;
const loadMime = () =>
  (mime ??= Promise.all([
    import('nodemailer/lib/mime-node'),
    import('nodemailer/lib/base64'),
    import('nodemailer/lib/qp'),
  ]).then(([node, base64, qp]) => ({ MimeNode: node.default, base64, qp })));

const NO_BOUNDARY = 'regua';

/**
 * Encodes a message's parts now (quoted-printable texts, the base64 PDF) with nodemailer's own MIME
 * node and encoders, so that sending them later only streams bytes: most of what a send costs the
 * processor.
 */
export async function encodeParts(parts: {
  text: string;
  html: string;
  pdf: InvoiceDocument | null;
  inline: readonly InlineImage[];
}): Promise<{ text: Buffer; html: Buffer; pdf: Buffer | null; inline: { cid: string; part: Buffer }[] }> {
  const { MimeNode, base64, qp } = await loadMime();
  // Built as children, as nodemailer builds a message's parts: a root would add Date and MIME-Version.
  // No part here is multipart, so none needs a random boundary (drawn for every node otherwise).
  const root = new MimeNode('multipart/mixed', { baseBoundary: NO_BOUNDARY });
  const encode = async (type: string, content: string | Buffer, filename?: string, cid?: string) => {
    const node = root.createChild(type, { baseBoundary: NO_BOUNDARY, ...(filename ? { filename } : {}) });
    // The headers nodemailer's composer sets on a related attachment, in its order.
    if (cid) {
      node.setHeader('Content-Id', `<${cid}>`);
      node.setHeader('Content-Transfer-Encoding', 'base64');
      node.setHeader('Content-Disposition', 'inline');
    }
    node.setContent(content);
    // A part is its headers, a blank line and its content in the part's transfer encoding, which
    // nodemailer's own base64 and quoted-printable functions make here at once: build() would stream
    // it through half a dozen stream objects, several times the cost. The tests hold both to the same
    // bytes. Other encodings (7bit: short ASCII lines, as they are) still go through build().
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const headers = node.buildHeaders();
    // The encoding buildHeaders chose (asking getTransferEncoding again would scan a text twice).
    const encoding = bytes.length > 0 ? /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1] : null;
    const body =
      encoding === 'base64'
        ? base64.wrap(base64.encode(bytes), 76)
        : // Whitespace ending the input is encoded by the stream alone (it ends a line there).
          encoding === 'quoted-printable' && !/[ \t]$/.test(bytes.toString('latin1', bytes.length - 1))
          ? qp.wrap(qp.encode(bytes), 76)
          : null;
    const built = body === null ? await node.build() : Buffer.from(`${headers}\r\n\r\n${body}`);
    // build() closes the part with a line break; inside a message the boundary line brings its own.
    return built.subarray(0, built.length - (built.subarray(-2).toString() === '\r\n' ? 2 : 0));
  };
  return {
    text: await encode(TEXT_TYPE, parts.text),
    html: await encode(HTML_TYPE, parts.html),
    pdf: parts.pdf ? await encode(PDF_TYPE, parts.pdf.content, parts.pdf.filename) : null,
    inline: await Promise.all(
      parts.inline.map(async (image) => ({
        cid: image.cid,
        part: await encode(PNG_TYPE, image.content, image.filename, image.cid),
      })),
    ),
  };
}

const body = (part: string | EncodedPart) => (typeof part === 'string' ? part : { raw: part.encoded });
const attachment = (a: InvoiceDocument | EncodedPart) =>
  'encoded' in a ? { raw: a.encoded } : { ...a, contentType: PDF_TYPE };
const inlineImage = (a: InlineImage | EncodedInlinePart) =>
  'encoded' in a
    ? { raw: a.encoded, cid: a.cid }
    : {
        filename: a.filename,
        content: a.content,
        cid: a.cid,
        contentType: PNG_TYPE,
        contentDisposition: 'inline' as const,
      };

/**
 * temporary: a 4xx for this message; try again later.
 * permanent: a 5xx for this message or recipient; never retried automatically.
 * unavailable: the server cannot be reached or talked to; nothing else will get through either.
 * auth: the account's credentials were refused; nothing else will get through either.
 * uncertain: the connection went silent or dropped in the middle of a transaction, with no answer:
 *   the message may have been accepted, so it is never sent again by itself.
 */
export type FailureKind = 'temporary' | 'permanent' | 'unavailable' | 'auth' | 'uncertain';

export type SendOutcome =
  | { ok: true; response: string; accepted: string[]; rejected: string[] }
  | {
      ok: false;
      kind: FailureKind;
      /** The server's reply or the system error, as it came (kept as the ledger's smtpResponse). */
      response: string;
      /** What happened and what to do, for the clerk (smtp-messages.ts). */
      message: string;
    };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Connects and authenticates; resolves to null when fine, else what went wrong, worded for the clerk. */
  verify(): Promise<ExplainedFailure | null>;
  close(): void;
}

type SmtpError = Error & SmtpErrorFields;

/** Failures before a conversation exists: nothing was sent. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EDNS',
  'ETLS',
  'EADDRNOTAVAIL',
]);
const CONNECT_TIMEOUTS = new Set(['CONNECTION_TIMEOUT', 'GREETING_TIMEOUT', 'TLS_TIMEOUT', 'DNS_TIMEOUT']);
/** The conversation broke with no answer: where it broke is unknown, so the message may have gone. */
const MID_CONVERSATION = new Set(['ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'ECONNRESET', 'EPIPE', 'EPROTOCOL']);

const SERVER_LEVEL_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'MAIL FROM']);

export function classifySmtpError(error: SmtpError): FailureKind {
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') return 'auth';
  const code = error.responseCode;
  // A refusal in the greeting, HELO or MAIL FROM is about us as a sender, not about this message:
  // every other message would meet it too.
  if (code !== undefined && code >= 500 && SERVER_LEVEL_COMMANDS.has(error.command ?? ''))
    return 'unavailable';
  if (code !== undefined) {
    // 421 means the server is closing the channel: a service-level outage, not this message's fault.
    if (code === 421) return 'unavailable';
    if (code >= 400 && code < 500) return 'temporary';
    if (code >= 500) return 'permanent';
  }
  if (
    NOT_CONNECTED.has(error.originalCode ?? '') ||
    NOT_CONNECTED.has(error.code ?? '') ||
    CONNECT_TIMEOUTS.has(error.timeoutType ?? '')
  )
    return 'unavailable';
  if (MID_CONVERSATION.has(error.code ?? '')) return 'uncertain';
  return 'temporary';
}

export function describeSmtpError(error: SmtpError): string {
  return (error.response || error.message || String(error)).trim();
}

export interface MailerTimeouts {
  /** How long a silent server is waited for before the message is given up as uncertain. */
  socketMs: number;
}
export const DEFAULT_TIMEOUTS: MailerTimeouts = { socketMs: 60_000 };

/** How an account signs its messages: the selector and private key of its DKIM key, for its sender's domain. */
export interface DkimSigning {
  selector: string;
  privateKey: string;
}

export function createMailer(
  account: SmtpAccount,
  password: string | null,
  timeouts: MailerTimeouts = DEFAULT_TIMEOUTS,
  dkim: DkimSigning | null = null,
): Mailer {
  // nodemailer is loaded with the first message or connection test, not at start-up.
  let transportPromise: Promise<Transporter> | null = null;
  const transport = () =>
    (transportPromise ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        pool: true,
        maxConnections: POOL_CONNECTIONS,
        maxMessages: 100,
        host: account.host,
        port: account.port,
        secure: account.security === 'tls',
        requireTLS: account.security === 'starttls',
        ignoreTLS: account.security === 'none',
        auth: account.user ? { user: account.user, pass: password ?? '' } : undefined,
        tls: { rejectUnauthorized: !account.allowSelfSigned },
        connectionTimeout: Math.min(15_000, timeouts.socketMs),
        greetingTimeout: Math.min(15_000, timeouts.socketMs),
        socketTimeout: timeouts.socketMs,
        ...(account.perMinuteLimit ? { rateDelta: 60_000, rateLimit: account.perMinuteLimit } : {}),
        // Every message is signed as it streams out (prepared parts included): d= the sender's domain.
        ...(dkim
          ? {
              dkim: {
                domainName: signingDomain(account.fromAddress),
                keySelector: dkim.selector,
                privateKey: dkim.privateKey,
              },
            }
          : {}),
      }),
    ));
  const from = { name: account.fromName, address: account.fromAddress };
  const server = {
    host: account.host,
    port: account.port,
    fromAddress: account.fromAddress,
    testMode: account.id === TEST_MODE_ACCOUNT_ID,
  };
  return {
    async send(mail) {
      try {
        const info = await (
          await transport()
        ).sendMail({
          from,
          to: mail.to,
          replyTo: mail.replyTo ?? account.replyTo ?? undefined,
          subject: mail.subject,
          html: body(mail.html),
          text: body(mail.text),
          messageId: mail.messageId,
          // Inline images first: nodemailer moves them into the related part, the rest stay attached.
          attachments: [...(mail.inline ?? []).map(inlineImage), ...mail.attachments.map(attachment)],
          headers: mail.headers,
        });
        return {
          ok: true,
          response: String(info.response ?? ''),
          accepted: (info.accepted ?? []).map(String),
          rejected: (info.rejected ?? []).map(String),
        };
      } catch (e) {
        const error = e as SmtpError;
        const kind = classifySmtpError(error);
        return {
          ok: false,
          kind,
          response: describeSmtpError(error),
          message: kind === 'uncertain' ? droppedMidSend(server) : explainSmtpError(error, server).message,
        };
      }
    },
    async verify() {
      try {
        await (await transport()).verify();
        return null;
      } catch (e) {
        return explainSmtpError(e as SmtpError, server);
      }
    },
    close: () => void transportPromise?.then((t) => t.close()),
  };
}
