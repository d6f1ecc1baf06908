// "3 clientes e 12 faturas novos, 2 faturas pagas": what importing only the valid lines would do.
import type { ImportResult } from '../../../shared/contract/imports';
import { plural } from '../../lib/format';

export function validLinesSummary(counts: NonNullable<ImportResult['counts']>): string {
  const parts = [
    counts.customers.created && `${plural(counts.customers.created, 'cliente novo', 'clientes novos')}`,
    counts.customers.updated &&
      `${plural(counts.customers.updated, 'cliente atualizado', 'clientes atualizados')}`,
    counts.invoices.created && `${plural(counts.invoices.created, 'fatura nova', 'faturas novas')}`,
    counts.invoices.updated &&
      `${plural(counts.invoices.updated, 'fatura atualizada', 'faturas atualizadas')}`,
    counts.paid && `${plural(counts.paid, 'fatura paga', 'faturas pagas')}`,
  ].filter(Boolean);
  return parts.join(', ') || 'nada mudaria';
}
