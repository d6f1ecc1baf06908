// What a run writes to the history about the notices it did not send: the skips staff can act on,
// each once (a paid invoice's notice included: "fatura paga"), and the notices held by the freshness
// guard, which stay `pending` so that every later run judges them again until they can go.
import type { SkippedNotice } from '../../shared/notices';
import { HELD_REASONS, ROUTINE_SKIPS, SKIP_REASONS } from '../../shared/reasons';
import type { DeliveryRecord, Ledger } from './ledger';
import { heldReason, type StalePayments } from './payments-guard';

export interface SkipContext {
  runId: string;
  routineId: string;
  accountId: string;
}

export function skipRecords(
  skipped: readonly SkippedNotice[],
  context: SkipContext,
  now: Date,
  ledger: Pick<Ledger, 'latest'>,
  stale: readonly StalePayments[] = [],
): DeliveryRecord[] {
  const staleByMethod = new Map(stale.map((s) => [s.billingMethodId, s]));
  return (
    skipped
      // A retried notice must leave `pending` whatever the reason, or every run would retry it again.
      .filter((s) => s.retry || !ROUTINE_SKIPS.has(s.reason))
      .filter((s) => {
        const last = ledger.latest(s.key);
        const status = HELD_REASONS.has(s.reason) ? 'pending' : 'skipped';
        return !(last?.status === status && last.reasonCode === s.reason);
      })
      .map((s): DeliveryRecord => {
        const held = HELD_REASONS.has(s.reason);
        const guard = staleByMethod.get(s.billingMethodId);
        return {
          key: s.key,
          status: held ? 'pending' : 'skipped',
          at: now.toISOString(),
          invoiceId: s.invoiceId,
          customerId: s.customerId,
          origin: 'rule',
          ruleId: s.ruleId,
          kind: s.kind,
          days: s.days,
          dueDate: s.dueDate,
          referenceDate: s.referenceDate,
          ...(s.mode === 'test' ? { mode: 'test' as const } : {}),
          accountId: context.accountId,
          runId: context.runId,
          routineId: context.routineId,
          reasonCode: s.reason,
          reason: held && guard ? heldReason(guard) : SKIP_REASONS[s.reason],
        };
      })
  );
}

/** The run's note about held notices: "2 avisos de atraso retidos: os pagamentos não são…". */
export function heldNote(skipped: readonly SkippedNotice[], stale: readonly StalePayments[]): string | null {
  const held = skipped.filter((s) => HELD_REASONS.has(s.reason));
  if (held.length === 0) return null;
  const methods = new Set(held.map((s) => s.billingMethodId));
  const why = stale
    .filter((s) => methods.has(s.billingMethodId))
    .map((s) => `${s.billingMethodName}: ${s.message}`)
    .join('; ');
  const count = held.length === 1 ? '1 aviso de atraso retido' : `${held.length} avisos de atraso retidos`;
  return `${count} até chegar um retorno ou Liberar envio (${why})`;
}
