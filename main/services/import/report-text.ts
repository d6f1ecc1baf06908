// The report an "Importar arquivos" run leaves beside each file it moved: plain text a clerk opens in
// the Bloco de Notas (UTF-8 with BOM, CRLF), saying what was imported and every line refused.
import { formatDateBR, formatMoneyBR } from '../../../shared/calendar';
import { IMPORT_KIND_LABELS, type ImportOutcome } from '../../../shared/import-outcome';
import { ROW_TYPE_LABELS } from '../../../shared/import-fields';
import { formatRejectedLine } from './report';

export function importReportText(
  outcome: ImportOutcome,
  context: { routine: string; when: string; movedTo: string },
): string {
  const lines = [
    `Régua — importação de ${outcome.fileName}`,
    `Rotina "${context.routine}", em ${context.when}`,
    `Arquivo: ${IMPORT_KIND_LABELS[outcome.kind]}${outcome.type ? ` (${ROW_TYPE_LABELS[outcome.type].toLowerCase()})` : ''}${outcome.bank ? ` — ${outcome.bank.name}` : ''}`,
    `Resultado: ${outcome.status === 'refused' ? 'RECUSADO, nada foi gravado' : outcome.summary}`,
    `Movido para: ${context.movedTo}`,
  ];
  if (outcome.status === 'refused' && outcome.summary) lines.push(`Motivo: ${outcome.summary}`);
  if (outcome.paymentsRefreshed.length)
    lines.push(`Pagamentos atualizados: ${outcome.paymentsRefreshed.join(', ')}`);
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  section('Linhas recusadas', outcome.rejected.map(formatRejectedLine));
  section(
    'Erros do documento',
    outcome.documentErrors.map((e) => `${e.path}: ${e.message}`),
  );
  section(
    'Nossos números que não existem no Régua',
    outcome.unknownNossoNumeros.map(
      (u) =>
        `linha ${u.line}: ${u.nossoNumero}, pago em ${formatDateBR(u.date)}, ${formatMoneyBR(u.amountCents)}`,
    ),
  );
  section(
    'Outras ocorrências do banco (não aplicadas)',
    outcome.occurrences.map((o) => `linha ${o.line}: ${o.nossoNumero} — ${o.code} ${o.description}`),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
