// Reads a returned message: a delivery status notification (RFC 3464, message/delivery-status) or one
// of the common plain-text forms (Postfix without MIME, Exim, qmail), and says which recipients
// failed, why, and which of our messages it is about (its Message-ID, our X-Regua-Notice header).
// Anything else (a customer's reply, an out-of-office answer) is not a bounce: null.
import { decodeWords, header, parseHeaders, parseMime, splitMessage, walk, type MimePart } from './mime';

export type BounceAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface BouncedRecipient {
  address: string;
  action: BounceAction;
  /** Enhanced status code (RFC 3463), e.g. "5.1.1", when known. */
  status: string | null;
  /** The remote server's words, for the "Detalhes" toggle. */
  diagnostic: string | null;
}

export interface BounceReport {
  format: 'rfc3464' | 'text';
  recipients: BouncedRecipient[];
  /** Message-IDs of the returned message found in the report, ours (regua.…) first. */
  messageIds: string[];
  /** The X-Regua-Notice header of the returned message, when it came back with it. */
  noticeKey: string | null;
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers']);
const ACTIONS = new Set<BounceAction>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|bounce[s]?)@/i;
const BOUNCE_SUBJECT =
  /undeliver|returned mail|returning message|delivery (status notification|failure|failed|has failed|problem)|failure notice|mail delivery failed|could not be delivered|não (foi )?entregue|nao entregue|devolvida|falha na entrega/i;
const DELAY_SUBJECT = /delayed|still being retried|warning: message|atrasad|ainda n[ãa]o entregue/i;
const OUR_ID = /<regua\.[0-9a-f]{32}@[^<>\s]+>/gi;
const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_CODE = /\b([45])\d\d\b/;

const address = (value: string) =>
  value
    .replace(/^[^;]*;/, '') // "rfc822; maria@…"
    .trim()
    .replace(/^<|>$/g, '')
    .toLowerCase();
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function statusOf(text: string): string | null {
  const enhanced = ENHANCED.exec(text);
  if (enhanced) return `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}`;
  const code = SMTP_CODE.exec(text);
  return code ? `${code[1]}.0.0` : null;
}

/** Per-recipient groups of a message/delivery-status body (the first group is per message). */
function deliveryStatus(part: MimePart): {
  perMessage: Map<string, string[]>;
  recipients: BouncedRecipient[];
} {
  const groups = part.text.split(/\r?\n[ \t]*\r?\n/).filter((g) => g.trim() !== '');
  const [first = '', ...rest] = groups;
  const recipients: BouncedRecipient[] = [];
  for (const group of rest) {
    const fields = parseHeaders(group);
    const get = (name: string) => fields.get(name)?.[0] ?? null;
    const final = get('final-recipient') ?? get('original-recipient');
    if (!final) continue;
    const action = (get('action') ?? '').toLowerCase().split(/\s/)[0] as BounceAction;
    const diagnostic = get('diagnostic-code');
    recipients.push({
      address: address(final),
      action: ACTIONS.has(action) ? action : 'failed',
      status: get('status')?.match(ENHANCED)?.[0] ?? (diagnostic ? statusOf(diagnostic) : null),
      diagnostic: diagnostic ? squash(diagnostic.replace(/^[^;]*;\s*/, '')) : null,
    });
  }
  return { perMessage: parseHeaders(first), recipients };
}

/** Where a plain-text bounce stops describing and starts quoting the returned message. */
const ORIGINAL_MARKER =
  /^[ \t]*-{2,}[^\n]*(?:original message|undelivered message|below this line|copy of the message|returned message|mensagem original)[^\n]*$/im;

function textRecipients(body: string, failedHeader: string | null): BouncedRecipient[] {
  const report = body.split(ORIGINAL_MARKER)[0] ?? body;
  const found = new Map<string, string[]>();
  const add = (addr: string, line: string) => {
    const key = address(addr);
    if (!key.includes('@')) return;
    found.set(key, [...(found.get(key) ?? []), line]);
  };
  const lines = report.split(/\r?\n/);
  let current: string | null = null;
  for (const line of lines) {
    const postfix = /^<([^<>\s]+@[^<>\s]+)>:?\s*(.*)$/.exec(line); // Postfix, qmail
    const exim = /^\s{2,}([^\s<>()]+@[^\s<>()]+)\s*$/.exec(line); // Exim's indented list
    if (postfix) {
      current = postfix[1]!;
      add(current, postfix[2]!);
    } else if (exim) {
      current = exim[1]!;
      add(current, '');
    } else if (line.trim() === '') current = null;
    else if (current) add(current, line);
  }
  for (const addr of (failedHeader ?? '').split(',')) if (addr.trim()) add(addr, '');
  if (found.size === 0)
    for (const m of report.matchAll(/RCPT TO:?\s*<([^<>\s]+@[^<>\s]+)>/gi)) add(m[1]!, report);
  return [...found].map(([addr, parts]) => {
    const diagnostic = squash(parts.join(' '));
    return { address: addr, action: 'failed', status: statusOf(diagnostic), diagnostic: diagnostic || null };
  });
}

function originalIds(texts: string[]): { messageIds: string[]; noticeKey: string | null } {
  const ours = new Set<string>();
  const others = new Set<string>();
  let noticeKey: string | null = null;
  for (const text of texts) {
    for (const m of text.matchAll(OUR_ID)) ours.add(m[0].toLowerCase());
    const headers = parseHeaders(splitMessage(text.replace(/^\s+/, '')).head);
    for (const id of [
      ...(headers.get('message-id') ?? []),
      ...(headers.get('x-original-message-id') ?? []),
    ]) {
      const clean = id.trim().toLowerCase();
      if (/^<[^<>\s]+>$/.test(clean) && !ours.has(clean)) others.add(clean);
    }
    noticeKey ??= headers.get('x-regua-notice')?.[0] ?? null;
    noticeKey ??=
      /^X-Regua-Notice:[ \t]*(.+(?:\r?\n[ \t]+.+)*)$/im.exec(text)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? null;
  }
  return { messageIds: [...ours, ...others], noticeKey: noticeKey ? decodeWords(noticeKey).trim() : null };
}

/**
 * Whether a message's headers are worth downloading the whole message for: a report, a mail
 * daemon's message, or a returned message's usual subject with a null sender.
 */
export function mightBeBounce(headers: Map<string, string[]>): boolean {
  const get = (name: string) => decodeWords(headers.get(name)?.[0] ?? '');
  if (/multipart\/report/i.test(get('content-type'))) return true;
  if (get('x-failed-recipients')) return true;
  const from = get('from');
  const fromAddress = (/<([^<>]+)>/.exec(from)?.[1] ?? from.split(/\s/)[0] ?? '').trim();
  if (DAEMON.test(fromAddress) || /mail delivery (system|subsystem)/i.test(from)) return true;
  return /^<\s*>$/.test(get('return-path')) && BOUNCE_SUBJECT.test(get('subject'));
}

export function parseBounce(raw: Buffer | string): BounceReport | null {
  const root = parseMime(raw);
  const parts = [...walk(root)];
  const dsn = parts.find((p) => DSN_TYPES.has(p.type));
  if (dsn) {
    const { perMessage, recipients } = deliveryStatus(dsn);
    if (recipients.length === 0) return null;
    const originals = parts.filter((p) => ORIGINAL_TYPES.has(p.type)).map((p) => p.text);
    const perMessageIds = [
      ...(perMessage.get('x-original-message-id') ?? []),
      ...(perMessage.get('original-message-id') ?? []),
    ].map((id) => `Message-ID: ${id}`);
    const textParts = parts.filter((p) => p.type === 'text/plain').map((p) => p.text);
    return { format: 'rfc3464', recipients, ...originalIds([...originals, ...perMessageIds, ...textParts]) };
  }

  const from = decodeWords(header(root, 'from') ?? '');
  const fromAddress = (/<([^<>]+)>/.exec(from)?.[1] ?? from.split(/\s/)[0] ?? '').trim();
  const subject = decodeWords(header(root, 'subject') ?? '');
  const failedHeader = header(root, 'x-failed-recipients');
  const nullSender = /^<\s*>$/.test(header(root, 'return-path') ?? '');
  const fromDaemon = DAEMON.test(fromAddress) || /mail delivery (system|subsystem)/i.test(from);
  if (!fromDaemon && !failedHeader && !(nullSender && BOUNCE_SUBJECT.test(subject))) return null;
  if (!failedHeader && !BOUNCE_SUBJECT.test(subject) && !DELAY_SUBJECT.test(subject)) return null;

  const body = parts
    .filter((p) => p.type === 'text/plain' || p.children.length === 0)
    .map((p) => p.text)
    .join('\n');
  const recipients = textRecipients(body, failedHeader).filter((r) => r.status !== null || failedHeader);
  if (recipients.length === 0) return null;
  if (DELAY_SUBJECT.test(subject)) for (const r of recipients) r.action = 'delayed';
  const originals = parts.filter((p) => ORIGINAL_TYPES.has(p.type)).map((p) => p.text);
  const quoted = body.split(ORIGINAL_MARKER).slice(1).join('\n');
  return {
    format: 'text',
    recipients,
    ...originalIds([...originals, quoted, body]),
  };
}
