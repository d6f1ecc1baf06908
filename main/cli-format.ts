// How the `regua` command prints reports for people: Portuguese, dates dd/mm/aaaa.
import { formatDateBR } from '../shared/calendar';
import type { Notice, SkippedNotice } from '../shared/notices';
import { ROUTINE_SKIPS, SKIP_REASONS } from '../shared/reasons';
import { ruleLabel } from '../shared/rule-kinds';
import type { DomainCheck } from '../shared/contract/deliverability';
import type { ForecastStreamDay } from './services/forecast';
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

/**
 * `regua plan` for people, a line at a time: per day, the notices that would go out and the ones
 * that would not (the day's count comes first, so its notices are planned twice).
 */
export function* forecastText(days: Iterable<ForecastStreamDay>, store: Store): Generator<string> {
  for (const day of days) {
    const total = day.routines.reduce((n, r) => n + r.dueCount(), 0);
    yield `${formatDateBR(day.date)}: ${total} aviso(s)\n`;
    for (const r of day.routines) {
      if (r.notRunning) {
        yield `  rotina ${r.routineId}: não executa (${r.notRunning})\n`;
        continue;
      }
      for (const chunk of r.due())
        for (const n of chunk) yield `  ${who(store, n)} → ${n.recipients.join(', ')} · ${rule(n)}\n`;
      for (const chunk of r.skipped())
        for (const s of chunk)
          if (!ROUTINE_SKIPS.has(s.reason))
            yield `  não será enviado: ${who(store, s)} · ${rule(s)} · ${SKIP_REASONS[s.reason]}\n`;
    }
  }
}

/**
 * `regua plan --json`: byte for byte what `JSON.stringify(forecastDays, null, 2)` prints, in pieces
 * of a few dozen notices, as the forecast plans them.
 */
export function* forecastJson(days: Iterable<ForecastStreamDay>): Generator<string> {
  const json = (v: unknown) => JSON.stringify(v);
  let first = true;
  for (const day of days) {
    yield `${first ? '[' : ','}\n  {\n    "date": ${json(day.date)},\n    "routines": `;
    first = false;
    if (day.routines.length === 0) yield '[]';
    for (let i = 0; i < day.routines.length; i++) {
      const r = day.routines[i]!;
      yield `${i ? ',' : '['}\n      {\n        "routineId": ${json(r.routineId)},\n        "description": ${json(r.description)},\n        "notRunning": ${json(r.notRunning)},\n        "due": `;
      yield* jsonArray(r.due(), '        ');
      yield ',\n        "skipped": ';
      yield* jsonArray(r.skipped(), '        ');
      yield '\n      }';
    }
    if (day.routines.length > 0) yield '\n    ]';
    yield '\n  }';
  }
  yield first ? '[]\n' : '\n]\n';
}

/** A JSON array nested at `indent`, from chunks of its values, stringified a few dozen at a time. */
function* jsonArray(chunks: Iterable<readonly unknown[]>, indent: string): Generator<string> {
  const BATCH = 64;
  let first = true;
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length; i += BATCH) {
      const text = JSON.stringify(chunk.slice(i, i + BATCH), null, 2);
      // "[\n  a,\n  b\n]" without its brackets, every line moved in by `indent`; JSON strings
      // never hold a raw line break.
      yield (first ? '[' : ',') + text.slice(1, -2).replace(/\n/g, `\n${indent}`);
      first = false;
    }
  yield first ? '[]' : `\n${indent}]`;
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
