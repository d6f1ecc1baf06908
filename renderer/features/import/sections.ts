// The sections of a regua/v1 document as the office calls them, and summaries in words.
import type { ImportSummary } from '../../../shared/records';

export const SECTIONS: { key: string; label: string; one: string; many: string }[] = [
  { key: 'company', label: 'Empresa', one: 'empresa', many: 'empresas' },
  { key: 'smtpAccounts', label: 'Contas de e-mail', one: 'conta de e-mail', many: 'contas de e-mail' },
  { key: 'layouts', label: 'Layouts de e-mail', one: 'layout', many: 'layouts' },
  {
    key: 'billingMethods',
    label: 'Formas de cobrança',
    one: 'forma de cobrança',
    many: 'formas de cobrança',
  },
  { key: 'routines', label: 'Rotinas', one: 'rotina', many: 'rotinas' },
  { key: 'holidays', label: 'Feriados', one: 'feriado', many: 'feriados' },
  { key: 'customers', label: 'Clientes', one: 'cliente', many: 'clientes' },
  { key: 'invoices', label: 'Faturas', one: 'fatura', many: 'faturas' },
];

/** Rows of the preview table: only sections the document touches. */
export function summaryRows(summary: ImportSummary) {
  return SECTIONS.map((s) => ({
    ...s,
    created: summary.created[s.key] ?? 0,
    updated: summary.updated[s.key] ?? 0,
  })).filter((r) => r.created + r.updated > 0);
}

/** "25 clientes, 60 faturas incluídos; 1 empresa atualizada" — for the toast. */
export function describeSummary(summary: ImportSummary): string {
  const list = (bucket: Record<string, number>) =>
    SECTIONS.filter((s) => bucket[s.key])
      .map((s) => {
        const n = bucket[s.key]!;
        return `${n.toLocaleString('pt-BR')} ${n === 1 ? s.one : s.many}`;
      })
      .join(', ');
  const created = list(summary.created);
  const updated = list(summary.updated);
  const parts = [created && `incluídos: ${created}`, updated && `atualizados: ${updated}`].filter(Boolean);
  return parts.length ? parts.join('; ') : 'o documento não trouxe nenhum registro';
}
