// CNAB 240 retorno de cobrança (FEBRABAN "Layout Padrão de Arquivos CNAB 240", as Caixa, Sicoob,
// Sicredi, Santander, Itaú, Bradesco and Banco do Brasil deliver it). Records used:
//   header de arquivo (type 0): bank 1–3, bank name 103–132, 1 remessa / 2 retorno at 143.
//   segmento T (type 3, segment T at 14): movement code 16–17, nosso número 38–57,
//     vencimento 74–81 (DDMMAAAA), valor nominal 82–96.
//   segmento U (follows its T): valor pago 78–92, data da ocorrência (payment) 138–145,
//     data do crédito 146–153.
import { FEBRABAN_240, describeOccurrence } from './occurrences';
import { BANK_NAMES, cnabCents, cnabDate, field, type RetornoResult } from './positions';

export function readCnab240(lines: string[]): RetornoResult {
  const header = lines[0] ?? '';
  const code = field(header, 1, 3);
  const result: RetornoResult = {
    bank: { code, name: BANK_NAMES[code] ?? field(header, 103, 132).trim(), layout: '240' },
    payments: [],
    occurrences: [],
    rejected: [],
  };
  if (field(header, 143, 143) !== '2') {
    result.rejected.push({
      line: 1,
      column: '',
      value: '',
      message: 'este arquivo CNAB 240 não é um retorno (é uma remessa?)',
    });
    return result;
  }
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (field(t, 8, 8) !== '3' || field(t, 14, 14) !== 'T') continue;
    const line = i + 1;
    const u = lines[i + 1] ?? '';
    if (field(u, 8, 8) !== '3' || field(u, 14, 14) !== 'U') {
      result.rejected.push({
        line,
        column: 'segmento T',
        value: '',
        message: 'segmento T sem o segmento U logo abaixo',
      });
      continue;
    }
    const movement = field(t, 16, 17);
    const nossoNumero = field(t, 38, 57).trim();
    const description = describeOccurrence(FEBRABAN_240, movement);
    if (!FEBRABAN_240.liquidation.has(movement)) {
      result.occurrences.push({
        line,
        nossoNumero,
        code: movement,
        description,
        date: cnabDate(field(u, 138, 145)) ?? null,
      });
      continue;
    }
    const date = cnabDate(field(u, 138, 145)) ?? cnabDate(field(u, 146, 153));
    const amountCents = cnabCents(field(u, 78, 92));
    if (!date) {
      result.rejected.push({
        line: line + 1,
        column: 'data da ocorrência (138–145)',
        value: field(u, 138, 145),
        message: 'não é uma data válida',
      });
      continue;
    }
    if (amountCents === undefined) {
      result.rejected.push({
        line: line + 1,
        column: 'valor pago (78–92)',
        value: field(u, 78, 92),
        message: 'não é um valor válido',
      });
      continue;
    }
    result.payments.push({ line, nossoNumero, code: movement, description, date, amountCents });
  }
  return result;
}
