// How the screens show values: dates dd/mm/aaaa, money R$ 1.234,56, instants in local time.
export { formatDateBR, formatMoneyBR } from '../../shared/calendar';
export { ruleKindLabel, RULE_KINDS } from '../../shared/rule-kinds';

export function formatDateTimeBR(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
}
