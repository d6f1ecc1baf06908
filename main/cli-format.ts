// How the `regua` command prints reports for people: Portuguese, dates dd/mm/aaaa.
import { formatDateBR } from '../shared/calendar';
import type { Notice, SkippedNotice } from '../shared/notices';
import { ROUTINE_SKIPS, SKIP_REASONS } from '../shared/reasons';
import { ruleLabel } from '../shared/rule-kinds';
import type { DomainCheck } from '../shared/contract/deliverability';
import type { ForecastDay } from './services/forecast';
import type { RunReport } from './services/runner';
import type { ReadStore as Store } from './services/store/store';

const STATUS_LABEL = {
  sent: 'enviado ',
  failed: 'falhou  ',
  pending: 'pendente',
  uncertain: 'incerto ',
} as const;
const TRIGGER_LABEL = {
  schedule: 'agendada',
  manual: 'manual',
  'catch-up': 'recuperação',
  watch: 'arquivo novo na pasta',
} as const;

const rule = (n: Pick<Notice, 'kind' | 'days'>) => ruleLabel(n);

function who(store: Store, n: Pick<Notice, 'invoiceId' | 'customerId'>): string {
  const invoice = store.invoice(n.invoiceId);
  const customer = store.customer(n.customerId);
  return `fatura ${invoice?.number ?? n.invoiceId} (${n.invoiceId}), ${customer?.name ?? n.customerId}`;
}

export function formatRun(report: RunReport, store: Store, verbose: boolean): string {
  const lines: string[] = [];
  const head = `Rotina ${report.routineId} (${report.routineDescription}) — ${formatDateBR(report.date)} — ${TRIGGER_LABEL[report.trigger]}${report.dryRun ? ' — SIMULAÇÃO (nada foi enviado nem gravado)' : ''}`;
  lines.push(head);
  if (report.status === 'skipped') {
    lines.push(`  não executada: ${report.reason}`);
    return lines.join('\n');
  }
  if (report.files) {
    lines.push(`  ${report.status === 'aborted' ? 'INTERROMPIDA: ' : ''}${report.reason ?? ''}`);
    for (const f of report.files)
      lines.push(`  ${f.name}: ${f.summary}${f.movedTo ? ` → ${f.movedTo}` : ''}`);
    return lines.join('\n');
  }
  if (report.account)
    lines.push(
      `  conta de envio: ${report.account.label}${report.account.testMode ? ' — MODO DE TESTE: nada sai para clientes' : ''}`,
    );
  if (report.window)
    lines.push(
      `  datas de referência: ${formatDateBR(report.window.from)} a ${formatDateBR(report.window.to)}`,
    );
  if (report.reason)
    lines.push(`  ${report.status === 'aborted' ? 'INTERROMPIDA' : 'aviso'}: ${report.reason}`);
  if (report.dryRun) {
    for (const n of report.due)
      lines.push(
        `  enviaria ${who(store, n)} → ${n.recipients.join(', ')} · ${rule(n)} · ref. ${formatDateBR(n.referenceDate)}${n.retry ? ' · nova tentativa' : ''}`,
      );
  }
  for (const o of report.outcomes)
    lines.push(
      `  ${STATUS_LABEL[o.status]} ${who(store, o.notice)} → ${o.notice.recipients.join(', ')} · ${rule(o.notice)} · ${o.detail}`,
    );
  lines.push(...formatSkipped(report.skipped, store, verbose));
  const c = report.counts;
  const ahead = report.outcomes.filter((o) => o.preparedAhead).length;
  lines.push(
    report.dryRun
      ? `  Resumo: ${report.due.length} seriam enviado(s), ${c.skipped} ignorado(s)`
      : `  Resumo: ${c.sent} enviado(s), ${c.failed} falha(s), ${c.pending} pendente(s), ${c.uncertain} incerto(s), ${c.skipped} ignorado(s)` +
          (ahead ? ` · ${ahead} e-mail(s) preparados com antecedência` : ''),
  );
  return lines.join('\n');
}

function formatSkipped(skipped: readonly SkippedNotice[], store: Store, verbose: boolean): string[] {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const s of skipped) {
    if (verbose || !ROUTINE_SKIPS.has(s.reason))
      lines.push(`  ignorado ${who(store, s)} · ${rule(s)} · ${SKIP_REASONS[s.reason]}`);
    else counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  }
  for (const [reason, n] of counts)
    lines.push(
      `  ignorados ${n} · ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS]} (detalhes com --verbose)`,
    );
  return lines;
}

export function formatForecast(days: readonly ForecastDay[], store: Store): string {
  const lines: string[] = [];
  for (const day of days) {
    const total = day.routines.reduce((n, r) => n + r.due.length, 0);
    lines.push(`${formatDateBR(day.date)}: ${total} aviso(s)`);
    for (const r of day.routines) {
      if (r.notRunning) {
        lines.push(`  rotina ${r.routineId}: não executa (${r.notRunning})`);
        continue;
      }
      for (const n of r.due) lines.push(`  ${who(store, n)} → ${n.recipients.join(', ')} · ${rule(n)}`);
      const actionable = r.skipped.filter((s) => !ROUTINE_SKIPS.has(s.reason));
      for (const s of actionable)
        lines.push(`  não será enviado: ${who(store, s)} · ${rule(s)} · ${SKIP_REASONS[s.reason]}`);
    }
  }
  return lines.join('\n');
}

const CHECK_LABELS = {
  ok: 'certo',
  warning: 'atenção',
  missing: 'falta',
  wrong: 'errado',
  error: 'sem resposta',
} as const;
const CHECK_NAMES = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;

/** Verificar domínio for a terminal: one line per record, and what to publish under it. */
export function formatDomainCheck(accountId: string, check: DomainCheck): string {
  const lines = [`${accountId} — ${check.domain}: ${check.summary}`];
  for (const item of check.items) {
    lines.push(`  ${CHECK_NAMES[item.kind].padEnd(6)}${CHECK_LABELS[item.state].padEnd(13)}${item.summary}`);
    if (item.publish) {
      lines.push(`        publique: ${item.publish.type} ${item.publish.name}`);
      lines.push(`                  ${item.publish.value}`);
    }
  }
  return lines.join('\n');
}
