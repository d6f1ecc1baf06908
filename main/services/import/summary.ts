// The one sentence staff read after planning an import, in Portuguese.
import type { EntityCounts, PlannedImport, RejectedLine } from './types';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function entity(
  counts: EntityCounts,
  one: string,
  many: string,
  made: [string, string],
  changed: [string, string],
) {
  const parts: string[] = [];
  if (counts.created)
    parts.push(`${n(counts.created, one, many)} ${counts.created === 1 ? made[0] : made[1]}`);
  if (counts.updated)
    parts.push(`${n(counts.updated, one, many)} ${counts.updated === 1 ? changed[0] : changed[1]}`);
  return parts;
}

export function summarize(
  counts: PlannedImport['counts'],
  rejected: readonly RejectedLine[],
  unknown: number,
  applicable: boolean,
  onlyValid = false,
): string {
  const lines = new Set(rejected.map((r) => r.line)).size;
  if (!applicable)
    return onlyValid
      ? `${n(lines, 'linha com erro', 'linhas com erro')} e nenhuma válida: nada será importado (corrija o arquivo)`
      : `${n(lines, 'linha com erro', 'linhas com erro')}: nada será importado (corrija o arquivo ou importe só as linhas válidas)`;
  const parts = [
    ...entity(
      counts.customers,
      'cliente',
      'clientes',
      ['incluído', 'incluídos'],
      ['atualizado', 'atualizados'],
    ),
    // An invoice whose only change is its payment is said once, as "marcada como paga".
    ...entity(
      { ...counts.invoices, updated: Math.max(0, counts.invoices.updated - counts.paid) },
      'fatura',
      'faturas',
      ['incluída', 'incluídas'],
      ['atualizada', 'atualizadas'],
    ),
  ];
  if (counts.paid) parts.push(`${n(counts.paid, 'fatura marcada como paga', 'faturas marcadas como pagas')}`);
  const changed = parts.length > 0;
  if (counts.alreadyPaid)
    parts.push(`${n(counts.alreadyPaid, 'pagamento já registrado', 'pagamentos já registrados')}`);
  if (unknown) parts.push(`${n(unknown, 'nosso número desconhecido', 'nossos números desconhecidos')}`);
  if (lines) parts.push(`${n(lines, 'linha com erro ignorada', 'linhas com erro ignoradas')}`);
  if (changed) return parts.join(', ');
  return parts.length ? `nada mudou; ${parts.join(', ')}` : 'nada mudou';
}
