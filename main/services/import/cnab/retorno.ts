// A bank retorno file → payment rows (liquidations) and the other occurrences, listed as they are.
import { formatDateBR } from '../../../../shared/calendar';
import type { ImportRow, ParsedImport } from '../types';
import { readCnab240 } from './cnab-240';
import { readCnab400 } from './cnab-400';

const COLUMNS = ['Nosso número', 'Ocorrência', 'Data do pagamento', 'Valor pago'];

export function parseRetorno(text: string, layout: '240' | '400', fileName: string): ParsedImport {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l, i, all) => l !== '' || i < all.length - 1);
  const read = layout === '240' ? readCnab240(lines) : readCnab400(lines);
  const rows: ImportRow[] = read.payments.map((p) => ({
    type: 'payments',
    line: p.line,
    source: { nossoNumero: p.nossoNumero, paymentDate: p.date, paidAmount: String(p.amountCents) },
    payment: {
      nossoNumero: p.nossoNumero,
      date: p.date,
      amountCents: p.amountCents,
      source: 'retorno',
      reference: `${fileName} linha ${p.line} (${p.code} ${p.description})`,
    },
  }));
  return {
    kind: layout === '240' ? 'cnab240' : 'cnab400',
    type: 'payments',
    fileName,
    columns: COLUMNS,
    mapping: {},
    columnOf: { nossoNumero: 'Nosso número', paymentDate: 'Data do pagamento', paidAmount: 'Valor pago' },
    preview: read.payments.slice(0, 10).map((p) => ({
      'Nosso número': p.nossoNumero,
      Ocorrência: `${p.code} ${p.description}`,
      'Data do pagamento': formatDateBR(p.date),
      'Valor pago': (p.amountCents / 100).toFixed(2).replace('.', ','),
    })),
    rows,
    rejected: read.rejected,
    occurrences: read.occurrences,
    bank: read.bank,
  };
}
