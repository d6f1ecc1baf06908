// CNAB 400 retorno de cobrança, per bank: each bank places the nosso número and the values in its
// own positions (1-based, inclusive). Sources, the banks' manuals as cited by brcobranca
// (github.com/kivanio/brcobranca, lib/brcobranca/retorno/cnab400/*.rb):
//   Bradesco: "Layout de Cobrança" 4008-524-0121 (banco.bradesco, pessoa jurídica)
//   Itaú: "Layout de arquivos CNAB 400 — cobrança" (download.itau.com.br/bankline/layout_cobranca_400bytes_cnab_itau_mensagem.pdf)
//   Santander: "Layout CNAB 400 cobrança" (same positions as Itaú for the fields read here)
//   Banco do Brasil: CBR643 "Retorno — convênios de 7 posições" (bb.com.br Doc2628CBR643Pos7.pdf)
// Caixa (104), Sicoob (756) and Sicredi (748) deliver CNAB 240, read by cnab-240.ts; their own
// 400 layouts are not read.
import {
  BANCO_DO_BRASIL_400,
  BRADESCO_400,
  ITAU_400,
  SANTANDER_400,
  describeOccurrence,
  type OccurrenceTable,
} from './occurrences';
import { BANK_NAMES, cnabCents, cnabDate, field, type RetornoResult } from './positions';

type Span = readonly [number, number];

interface Layout400 {
  /** Record types holding a title (BB uses 7 for 7-digit convênios). */
  detail: string[];
  nossoNumero: Span;
  occurrence: Span;
  occurrenceDate: Span;
  paid: Span;
  creditDate: Span;
  table: OccurrenceTable;
}

const COMMON: Pick<Layout400, 'occurrence' | 'occurrenceDate' | 'paid'> = {
  occurrence: [109, 110],
  occurrenceDate: [111, 116],
  paid: [254, 266],
};

export const LAYOUTS_400: Record<string, Layout400> = {
  '237': { ...COMMON, detail: ['1'], nossoNumero: [71, 82], creditDate: [296, 301], table: BRADESCO_400 },
  '341': { ...COMMON, detail: ['1'], nossoNumero: [63, 70], creditDate: [296, 301], table: ITAU_400 },
  '033': { ...COMMON, detail: ['1'], nossoNumero: [63, 70], creditDate: [296, 301], table: SANTANDER_400 },
  '001': {
    ...COMMON,
    detail: ['1', '7'],
    nossoNumero: [64, 80],
    creditDate: [176, 181],
    table: BANCO_DO_BRASIL_400,
  },
};

export function readCnab400(lines: string[]): RetornoResult {
  const header = lines[0] ?? '';
  const code = field(header, 77, 79);
  const result: RetornoResult = {
    bank: { code, name: BANK_NAMES[code] ?? field(header, 80, 94).trim(), layout: '400' },
    payments: [],
    occurrences: [],
    rejected: [],
  };
  const layout = LAYOUTS_400[code];
  if (!layout) {
    result.rejected.push({
      line: 1,
      column: '',
      value: code,
      message: `retorno CNAB 400 do banco ${code} (${result.bank.name || 'desconhecido'}) não é lido pelo Régua: peça ao banco o retorno CNAB 240`,
    });
    return result;
  }
  const at = (record: string, [from, to]: Span) => field(record, from, to);
  lines.forEach((record, i) => {
    if (!layout.detail.includes(record[0] ?? '')) return;
    const line = i + 1;
    const occurrence = at(record, layout.occurrence);
    const nossoNumero = at(record, layout.nossoNumero).trim();
    const description = describeOccurrence(layout.table, occurrence);
    const date = cnabDate(at(record, layout.occurrenceDate));
    if (!layout.table.liquidation.has(occurrence)) {
      result.occurrences.push({ line, nossoNumero, code: occurrence, description, date: date ?? null });
      return;
    }
    const paymentDate = date ?? cnabDate(at(record, layout.creditDate));
    const amountCents = cnabCents(at(record, layout.paid));
    if (!paymentDate)
      result.rejected.push({
        line,
        column: 'data da ocorrência',
        value: at(record, layout.occurrenceDate),
        message: 'não é uma data válida',
      });
    else if (amountCents === undefined)
      result.rejected.push({
        line,
        column: 'valor pago',
        value: at(record, layout.paid),
        message: 'não é um valor válido',
      });
    else
      result.payments.push({
        line,
        nossoNumero,
        code: occurrence,
        description,
        date: paymentDate,
        amountCents,
      });
  });
  return result;
}
