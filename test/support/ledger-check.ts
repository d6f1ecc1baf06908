// What the delivery ledger says, held against what the SMTP server received, for the fault suites:
// nothing recorded as sent that the server did not accept, nothing received twice, and nothing
// received that the ledger does not know may have gone (sent ⊆ received ⊆ sent ∪ uncertain, plus a
// killed sender's in-flight `sending`).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestSmtpServer } from './smtp-server';

export interface LedgerLine {
  key: string;
  status: string;
  messageId?: string;
  reasonCode?: string;
  reason?: string;
}

/** The ledger as a fresh process reads it: must parse whole (no corrupt line); the latest record per key. */
export async function ledgerOf(dataDir: string): Promise<Map<string, LedgerLine>> {
  const text = await readFile(join(dataDir, 'deliveries.jsonl'), 'utf8').catch(() => '');
  const latest = new Map<string, LedgerLine>();
  for (const line of text.split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as LedgerLine;
    latest.set(record.key, record);
  }
  return latest;
}

/** The Message-IDs the server received (read from the stored files' headers); fails on a duplicate. */
export async function receivedOnce(smtp: Pick<TestSmtpServer, 'dir'>): Promise<string[]> {
  const files = (await readdir(smtp.dir)).filter((f) => /^\d+\.eml$/.test(f));
  const ids = await Promise.all(
    files.map(async (f) => {
      const raw = await readFile(join(smtp.dir, f), 'latin1');
      const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
      return /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `(sem Message-ID: ${f})`;
    }),
  );
  expect(ids.length - new Set(ids).size, 'messages received twice').toBe(0);
  return ids;
}

export interface Accounts {
  /** Latest state per key. */
  states: Map<string, string>;
  count: (status: string) => number;
  received: number;
}

/**
 * The ledger against the server: unique Message-IDs, sent ⊆ received ⊆ sent ∪ uncertain. With
 * `keys`, every one of them must be in the ledger in a state that says what became of it.
 * `afterCrash`: a sender was just killed, so its last few notices may still read `sending` (the
 * next process settles them as uncertain): they count as "may have gone".
 */
export async function checkAccounts(
  dataDir: string,
  smtp: Pick<TestSmtpServer, 'dir'>,
  keys?: number,
  label = '',
  afterCrash = false,
): Promise<Accounts> {
  const latest = await ledgerOf(dataDir);
  const received = new Set(await receivedOnce(smtp));
  const mayHaveGone = afterCrash ? ['sent', 'uncertain', 'sending'] : ['sent', 'uncertain'];
  const byMessageId = new Map([...latest.values()].filter((r) => r.messageId).map((r) => [r.messageId!, r]));
  for (const r of latest.values())
    if (r.status === 'sent')
      expect(received.has(r.messageId!), `${label} sent but not received: ${r.key}`).toBe(true);
  for (const id of received) {
    const record = byMessageId.get(id);
    expect(
      record && mayHaveGone.includes(record.status),
      `${label} received ${id} as ${record?.status}`,
    ).toBe(true);
  }
  // Nothing in flight once the senders are gone or done; every flag carries its reason.
  for (const r of latest.values()) {
    if (!afterCrash) expect(r.status, `${label} ${r.key}`).not.toBe('sending');
    if (r.status !== 'sent' && r.status !== 'sending')
      expect(r.reason, `${label} ${r.key} ${r.status} without a reason`).toBeTruthy();
  }
  if (keys !== undefined) expect(latest.size, `${label} notices in the ledger`).toBe(keys);
  const states = new Map([...latest].map(([k, r]) => [k, r.status]));
  return {
    states,
    count: (status) => [...states.values()].filter((s) => s === status).length,
    received: received.size,
  };
}
