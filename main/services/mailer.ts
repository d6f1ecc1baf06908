// SMTP delivery with nodemailer: one pooled transport per account, and a classification of every
// failure into what the runner must do with it (retry later, give up, stop the run).
import type { Transporter } from 'nodemailer';
import type { SmtpAccount } from '../../shared/domain';

export const POOL_CONNECTIONS = 5;

export interface OutgoingMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  messageId: string;
  attachments: { filename: string; content: Buffer }[];
  headers?: Record<string, string>;
}

/**
 * temporary: a 4xx for this message; try again later.
 * permanent: a 5xx for this message or recipient; never retried automatically.
 * unavailable: the server cannot be reached or talked to; nothing else will get through either.
 * auth: the account's credentials were refused; nothing else will get through either.
 */
export type FailureKind = 'temporary' | 'permanent' | 'unavailable' | 'auth';

export type SendOutcome =
  | { ok: true; response: string; accepted: string[]; rejected: string[] }
  | { ok: false; kind: FailureKind; response: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Connects and authenticates; resolves to null when fine, else a message in Portuguese. */
  verify(): Promise<string | null>;
  close(): void;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

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
  if (error.code && UNAVAILABLE_CODES.has(error.code)) return 'unavailable';
  return 'temporary';
}

export function describeSmtpError(error: SmtpError): string {
  return (error.response || error.message || String(error)).trim();
}

export function createMailer(account: SmtpAccount, password: string | null): Mailer {
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
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
        ...(account.perMinuteLimit ? { rateDelta: 60_000, rateLimit: account.perMinuteLimit } : {}),
      }),
    ));
  const from = { name: account.fromName, address: account.fromAddress };
  return {
    async send(mail) {
      try {
        const info = await (
          await transport()
        ).sendMail({
          from,
          to: mail.to,
          replyTo: account.replyTo ?? undefined,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          messageId: mail.messageId,
          attachments: mail.attachments.map((a) => ({ ...a, contentType: 'application/pdf' })),
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
        return { ok: false, kind: classifySmtpError(error), response: describeSmtpError(error) };
      }
    },
    async verify() {
      try {
        await (await transport()).verify();
        return null;
      } catch (e) {
        const error = e as SmtpError;
        const kind = classifySmtpError(error);
        const detail = describeSmtpError(error);
        return kind === 'auth'
          ? `usuário ou senha recusados pelo servidor: ${detail}`
          : kind === 'unavailable'
            ? `não foi possível conectar a ${account.host}:${account.port}: ${detail}`
            : `o servidor recusou a conexão: ${detail}`;
      }
    },
    close: () => void transportPromise?.then((t) => t.close()),
  };
}
