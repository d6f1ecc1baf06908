// Every message a clerk reads in the screen tests — toasts, field errors, alerts, and anything marked
// data-clerk-message — is collected from every page the e2e suite opens (launchBrowser's pages feed it)
// and checked against what must never reach a clerk: errno codes, SMTP replies, ids, undefined/null,
// stack frames, English. The technical detail behind a "Detalhes" toggle (data-technical) is left out.
// A test whose page showed such a message fails in test/support/e2e-setup.ts; all texts seen are
// written to test-results/clerk-messages/ for review.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { CLERK_MESSAGES_DIR } from './results-dir';

/** What must never be in a message a clerk reads, and why. */
export const FORBIDDEN_IN_MESSAGES: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern:
      /\bE(?:CONN\w*|NOENT|NOTFOUND|ACCES|PERM|AUTH|NOAUTH|ENVELOPE|MESSAGE|SOCKET|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN|PIPE|PROTOCOL|DNS|TLS|NOSPC|ROFS|EXIST|ISDIR|NOTDIR|MFILE|BUSY|ADDRINUSE)\b/,
    why: 'código de erro do sistema (ECONNREFUSED, ENOENT…)',
  },
  // "250 OK", "250 2.0.0 …": an SMTP reply; "250 faturas" is a count.
  { pattern: /(^|[^\d.,])250[ -](?=[A-Z0-9])/, why: 'resposta SMTP 250' },
  { pattern: /\b[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b/, why: 'código SMTP estendido (550 5.1.1…)' },
  {
    pattern:
      /\b[2-5]\d\d[ -](?:OK|Ok|Requested|Mailbox|mailbox|User|user|Service|Authentication|Message|Too|Greylisted|Try|Relay|Sender|Recipient|Bad|Syntax)\b/,
    why: 'resposta SMTP',
  },
  { pattern: /\bid\b\s/i, why: 'identificador interno ("id …")' },
  { pattern: /\bmodo-teste\b/, why: 'identificador interno da conta do modo de teste' },
  { pattern: /\bundefined\b/, why: '"undefined"' },
  { pattern: /\bnull\b/, why: '"null"' },
  { pattern: /\bNaN\b/, why: '"NaN"' },
  { pattern: /\[object \w+\]/, why: '"[object …]"' },
  { pattern: /\bat .*[\w/\\]\.(?:[cm]?[jt]s|tsx):\d+(?::\d+)?/, why: 'linha de pilha (stack trace)' },
  { pattern: /\b(?:Error|TypeError|Cannot|Unexpected|failed|refused|timeout|queued)\b/, why: 'inglês' },
  { pattern: /\b(?:127\.0\.0\.1|localhost):\d+/, why: 'endereço interno com porta' },
];

export function forbiddenIn(text: string): string[] {
  return FORBIDDEN_IN_MESSAGES.filter((f) => f.pattern.test(text)).map(
    (f) => `${f.why} em: "${text.slice(0, 300)}"`,
  );
}

export interface ClerkMessage {
  kind: string;
  text: string;
  test: string;
}

const seen: ClerkMessage[] = [];
let problems: string[] = [];
const file = join(CLERK_MESSAGES_DIR, `${process.pid}.jsonl`);

/** Every message seen so far in this test file. */
export const clerkMessages = (): readonly ClerkMessage[] => seen;

/** The forbidden messages seen since the last call (the current test's), and forgets them. */
export function takeClerkMessageProblems(): string[] {
  const out = problems;
  problems = [];
  return out;
}

function record(kind: string, text: string): void {
  const test = expect.getState().currentTestName ?? '(fora de um teste)';
  const message = { kind, text, test };
  seen.push(message);
  for (const problem of forbiddenIn(text)) problems.push(`${kind}: ${problem}`);
  try {
    mkdirSync(CLERK_MESSAGES_DIR, { recursive: true });
    appendFileSync(file, `${JSON.stringify({ ...message, file: expect.getState().testPath })}\n`);
  } catch {
    // the review file is a convenience; the check above is what counts
  }
}

/** Runs in every page of the context: reports each message element's text once per page. */
function observe() {
  const selectors: [string, string][] = [
    ['toast', '.mantine-Notification-root'],
    ['erro de campo', '.mantine-InputWrapper-error, .mantine-Input-error'],
    ['alerta', '.mantine-Alert-root'],
    ['mensagem', '[data-clerk-message]'],
  ];
  const reported = new Set<string>();
  const textOf = (el: Element) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('[data-technical]').forEach((t) => t.remove());
    copy.querySelectorAll('br, p, div, li').forEach((b) => b.append(' '));
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  const scan = () => {
    for (const [kind, selector] of selectors)
      document.querySelectorAll(selector).forEach((el) => {
        if (el.closest('[data-technical]')) return;
        const text = textOf(el);
        const key = `${kind}\u0000${text}`;
        if (!text || reported.has(key)) return;
        reported.add(key);
        (window as unknown as { __reguaClerkMessage: (k: string, t: string) => void }).__reguaClerkMessage(
          kind,
          text,
        );
      });
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      scan();
    }, 50);
  };
  const start = () =>
    new MutationObserver(schedule).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

/** Makes every page of the context report its messages. */
export async function watchClerkMessages(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__reguaClerkMessage', (_source, kind: string, text: string) =>
    record(kind, text),
  );
  await context.addInitScript(observe);
}
