// The bounce mailbox over IMAP (imapflow): log in, list the messages that may be bounces, download
// them, and move the ones handled to a folder of their own, so each is handled once and the office
// still finds them. Messages that are not ours are never touched (not even marked as read).
import { ImapFlow } from 'imapflow';
import type { BounceMailbox } from '../../../shared/domain';
import { parseHeaders } from './mime';
import { mightBeBounce } from './parse-bounce';

/** Where handled bounces go (created on first use). */
export const PROCESSED_FOLDER = 'Retornos lidos pelo Régua';
/** On the first reading (or after the mailbox was rebuilt), how far back to look. */
export const LOOKBACK_DAYS = 30;

export interface MailboxAccess {
  mailbox: Omit<BounceMailbox, 'password'>;
  password: string;
  allowSelfSigned: boolean;
  timeoutMs?: number;
}

/** Where the last reading stopped: UIDs only mean something within one UIDVALIDITY. */
export interface MailboxCursor {
  uidValidity: string;
  uid: number;
}

export interface MailboxSession {
  /** Messages count of the folder. */
  exists: number;
  /** Messages after the cursor (or of the last days) that may be bounces, downloaded. */
  candidates(
    cursor: MailboxCursor | null,
    now: Date,
  ): Promise<{ messages: { uid: number; raw: Buffer }[]; cursor: MailboxCursor }>;
  /** Marks as read and moves to PROCESSED_FOLDER. */
  markProcessed(uids: number[]): Promise<void>;
  close(): Promise<void>;
}

/** A failure worded for the clerk; `detail` keeps the server's reply or the system error for support. */
export class MailboxError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

const UNREACHABLE = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
];

/** imapflow's failures as the office reads them: what happened and what to do, without codes. */
export function describeImapError(e: unknown, access: Pick<MailboxAccess, 'mailbox'>): MailboxError {
  const err = e as {
    authenticationFailed?: boolean;
    code?: string;
    serverResponseCode?: string;
    responseText?: string;
    message?: string;
  };
  const { host, port, user, folder } = access.mailbox;
  const detail =
    [err.code, err.serverResponseCode].filter(Boolean).join('/') +
    (err.code || err.serverResponseCode ? ': ' : '') +
    (err.responseText || err.message || String(e)) +
    ` (${host}:${port})`;
  const failure = (message: string) => new MailboxError(message, detail);
  if (err.serverResponseCode === 'UNAVAILABLE')
    return failure(
      `O servidor ${host} não conseguiu conferir o login agora (falha temporária). Tente de novo em instantes.`,
    );
  if (err.authenticationFailed || err.serverResponseCode === 'AUTHENTICATIONFAILED')
    return failure(`O servidor ${host} recusou o usuário ou a senha da caixa ${user}. Confira os dois.`);
  if (
    err.serverResponseCode === 'NONEXISTENT' ||
    /mailbox doesn't exist|no such mailbox/i.test(err.responseText ?? '')
  )
    return failure(
      `A pasta "${folder}" não existe na caixa ${user}. Confira o nome da pasta (geralmente INBOX).`,
    );
  if (UNREACHABLE.includes(err.code ?? ''))
    return failure(
      `O servidor ${host} não respondeu na porta ${port}. Verifique o endereço e a porta (geralmente 993), ou se a internet está funcionando.`,
    );
  if (/certificate|self[- ]signed|SSL|TLS/i.test(err.message ?? ''))
    return failure(
      `A conexão segura com ${host} falhou. Confira a segurança e a porta; se o servidor é da própria empresa e usa certificado autoassinado, marque a opção na conta.`,
    );
  return failure(
    `Não foi possível ler a caixa ${user} no servidor ${host}. Veja os detalhes e tente de novo.`,
  );
}

export async function openMailbox(access: MailboxAccess): Promise<MailboxSession> {
  const { mailbox } = access;
  const timeout = access.timeoutMs ?? 20_000;
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.security === 'tls',
    doSTARTTLS: mailbox.security === 'starttls' ? true : mailbox.security === 'none' ? false : undefined,
    auth: { user: mailbox.user, pass: access.password },
    tls: { rejectUnauthorized: !access.allowSelfSigned },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    // Long enough to wait for the ledger while another process's run holds it (record-bounces.ts).
    socketTimeout: Math.max(timeout, 5 * 60_000),
  });
  client.on('error', () => {}); // reported by the command that was waiting; never crash the program
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw describeImapError(e, access);
  }
  let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
  try {
    lock = await client.getMailboxLock(mailbox.folder);
  } catch (e) {
    await client.logout().catch(() => client.close());
    throw describeImapError(e, access);
  }
  const current = client.mailbox;
  const uidValidity = current ? String(current.uidValidity) : '0';
  const guard = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (e) {
      throw describeImapError(e, access);
    }
  };
  return {
    exists: current ? current.exists : 0,
    candidates: (cursor, now) =>
      guard(async () => {
        const fresh = cursor?.uidValidity === uidValidity ? cursor : null;
        const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
        const found = fresh
          ? await client.search({ uid: `${fresh.uid + 1}:*` }, { uid: true })
          : await client.search({ since }, { uid: true });
        // "N:*" names the last message even when its UID is below N.
        const uids = (found || []).filter((uid) => !fresh || uid > fresh.uid).sort((a, b) => a - b);
        const next: MailboxCursor = { uidValidity, uid: Math.max(fresh?.uid ?? 0, ...uids, 0) };
        if (uids.length === 0) return { messages: [], cursor: next };
        const wanted: number[] = [];
        const fields = ['from', 'subject', 'content-type', 'x-failed-recipients', 'return-path'];
        for await (const msg of client.fetch(uids, { uid: true, headers: fields }, { uid: true }))
          if (msg.headers && mightBeBounce(parseHeaders(msg.headers.toString('latin1'))))
            wanted.push(msg.uid);
        const messages: { uid: number; raw: Buffer }[] = [];
        for (const uid of wanted) {
          const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (msg && msg.source) messages.push({ uid, raw: msg.source });
        }
        return { messages, cursor: next };
      }),
    markProcessed: (uids) =>
      guard(async () => {
        if (uids.length === 0) return;
        await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
        await client.mailboxCreate(PROCESSED_FOLDER);
        await client.messageMove(uids, PROCESSED_FOLDER, { uid: true });
      }),
    async close() {
      lock.release();
      await client.logout().catch(() => client.close());
    },
  };
}
