// The durable delivery ledger (Histórico de envios): one journal line per state change of a notice.
// `sending` is written and fsynced before the SMTP transaction starts; `sent`/`failed`/`pending` after.
// A `sending` with no outcome belongs to a run that died mid-send: the server may have accepted it,
// so it becomes `uncertain` and is never sent again automatically.
import type { LedgerState, PendingNotice } from '../../shared/notices';
import { createJournal } from './journal';
import type { DeliveryRecord } from '../../shared/records';
export type { DeliveryRecord };

export interface Ledger {
  load(): Promise<void>;
  /** Pick up what other processes appended. */
  sync(): Promise<void>;
  state(key: string): LedgerState | undefined;
  latest(key: string): DeliveryRecord | undefined;
  history(): readonly DeliveryRecord[];
  pending(): PendingNotice[];
  record(records: readonly DeliveryRecord[]): Promise<void>;
  /** Turn `sending` entries left by a dead run into `uncertain`; returns them. */
  settleInterrupted(now: Date): Promise<DeliveryRecord[]>;
  close(): Promise<void>;
}

export function createLedger(file: string): Ledger {
  const journal = createJournal<DeliveryRecord>(file);
  const all: DeliveryRecord[] = [];
  const latest = new Map<string, DeliveryRecord>();
  const absorb = (records: DeliveryRecord[]) => {
    for (const r of records) {
      all.push(r);
      latest.set(r.key, r);
    }
  };
  return {
    async load() {
      all.length = 0;
      latest.clear();
      absorb(await journal.load());
    },
    async sync() {
      absorb(await journal.readNew());
    },
    state: (key) => latest.get(key)?.status,
    latest: (key) => latest.get(key),
    history: () => all,
    pending() {
      const out: PendingNotice[] = [];
      for (const r of latest.values())
        if (r.status === 'pending')
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
    async settleInterrupted(now) {
      const stale = [...latest.values()]
        .filter((r) => r.status === 'sending')
        .map((r): DeliveryRecord => ({
          ...r,
          status: 'uncertain',
          at: now.toISOString(),
          reasonCode: 'interrupted',
          reason:
            'o programa foi interrompido durante o envio; o servidor pode ter aceitado a mensagem. Verifique e use Reenviar se necessário',
        }));
      if (stale.length) await this.record(stale);
      return stale;
    },
    close: () => journal.close(),
  };
}
