// SMTP delivery with nodemailer: one pooled transport per account, and a classification of every
// failure into what the runner must do with it (retry later, give up, stop the run).
import type { Transporter } from 'nodemailer';
import type { SmtpAccount } from '../../shared/domain';
import { signingDomain } from './deliverability/dkim';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import {
  droppedMidSend,
  explainSmtpError,
  type ExplainedFailure,
  type SmtpErrorFields,
} from './smtp-messages';
import { assembleMessage, type OutgoingMail } from './mime-message';

export const POOL_CONNECTIONS = 5;

export type { OutgoingMail };

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
        const { raw, envelope } = await assembleMessage(
          {
            from,
            to: mail.to,
            replyTo: mail.replyTo ?? account.replyTo ?? undefined,
            subject: mail.subject,
            messageId: mail.messageId,
            headers: mail.headers,
          },
          mail,
        );
        const info = await (await transport()).sendMail({ envelope, raw, messageId: mail.messageId });
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
