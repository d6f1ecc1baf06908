// The durable delivery ledger (Histórico de envios): one journal line per state change of a notice.
// `sending` is written and fsynced before the SMTP transaction starts; `sent`/`failed`/`pending`
// after. A `sending` with no outcome belongs to a sender that died or lost its disk mid-send: the
// server may have accepted it, so it becomes `uncertain` and is never sent again automatically.
// Only the holder of the send lock writes here (send-lane.ts).
import type { DeliveryMode } from '../../shared/calendar';
import { isManualKey } from '../../shared/contract/records';
import type { LedgerState, PendingNotice } from '../../shared/notices';
import type { DeliveryRecord } from '../../shared/records';
import { createJournal, type JournalOptions } from './journal';
import { createTally, type LedgerTally } from './ledger-tally';
export type { DeliveryRecord, LedgerTally };

export interface Ledger {
  load(): Promise<void>;
  /** Pick up what other processes appended. */
  sync(): Promise<void>;
  state(key: string): LedgerState | undefined;
  latest(key: string): DeliveryRecord | undefined;
  history(): readonly DeliveryRecord[];
  /** Início's counts over the history, kept as records arrive (ledger-tally.ts). */
  tally(): LedgerTally;
  /** Notices left pending, of one mode (a test run never retries a live notice, nor the reverse). */
  pending(mode?: DeliveryMode): PendingNotice[];
  record(records: readonly DeliveryRecord[]): Promise<void>;
  /** Bytes of a partial last line (an interrupted write); 0 when the file ends cleanly. */
  tornTail(): Promise<number>;
  /**
   * Called by the new holder of the send lock: cuts off a partial last line and turns every
   * `sending` left by a dead sender into `uncertain`. Returns what it settled and the bytes cut.
   */
  settleInterrupted(now: Date): Promise<{ settled: DeliveryRecord[]; cutBytes: number }>;
  close(): Promise<void>;
}

/** Records written before `origin` existed: manual sends named their layout in `ruleId`. */
export function normalizeDelivery(raw: DeliveryRecord): DeliveryRecord {
  if (raw.origin) return raw;
  const legacy = raw as unknown as Record<string, unknown> & DeliveryRecord;
  if (isManualKey(legacy.key)) {
    const { ruleId, kind: _k, days: _d, referenceDate: _r, ...rest } = legacy as Record<string, unknown>;
    return {
      ...(rest as object),
      origin: 'manual',
      layoutId: String(ruleId ?? '').replace(/^manual:/, ''),
    } as DeliveryRecord;
  }
  return { ...legacy, origin: 'rule' } as DeliveryRecord;
}

export function createLedger(file: string, options: JournalOptions = {}): Ledger {
  const journal = createJournal<DeliveryRecord>(file, options);
  const all: DeliveryRecord[] = [];
  const latest = new Map<string, DeliveryRecord>();
  const counts = createTally();
  const absorb = (records: DeliveryRecord[]) => {
    for (const raw of records) {
      const r = normalizeDelivery(raw);
      all.push(r);
      counts.add(r, latest.get(r.key));
      latest.set(r.key, r);
    }
  };
  const ledger: Ledger = {
    async load() {
      all.length = 0;
      latest.clear();
      counts.clear();
      absorb(await journal.load());
    },
    async sync() {
      absorb(await journal.readNew());
    },
    state: (key) => latest.get(key)?.status,
    latest: (key) => latest.get(key),
    history: () => all,
    tally: () => counts.tally,
    pending(mode = 'live') {
      const out: PendingNotice[] = [];
      for (const r of latest.values())
        if (r.status === 'pending' && r.origin === 'rule' && (r.mode ?? 'live') === mode)
          out.push({
            key: r.key,
            invoiceId: r.invoiceId,
            kind: r.kind,
            days: r.days,
            dueDate: r.dueDate,
            referenceDate: r.referenceDate,
          });
      return out;
    },
    async record(records) {
      await journal.append(records);
      absorb([...records]);
    },
    tornTail: () => journal.tornTail(),
    async settleInterrupted(now) {
      const { records, cutBytes } = await journal.repairTail();
      absorb(records);
      const stale = [...latest.values()]
        .filter((r) => r.status === 'sending')
        .map((r): DeliveryRecord => ({
          ...r,
          status: 'uncertain',
          at: now.toISOString(),
          reasonCode: 'interrupted',
          reason:
            'o envio foi interrompido antes da resposta do servidor (programa encerrado ou disco cheio); o servidor pode ter aceitado a mensagem. Verifique com o cliente e use Reenviar se necessário',
        }));
      if (stale.length) await ledger.record(stale);
      return { settled: stale, cutBytes };
    },
    close: () => journal.close(),
  };
  return ledger;
}
