// Writes CNAB retorno files from the layouts' specifications, field by field and position by
// position (1-based, inclusive, as the manuals print them), so the import tests do not share the
// parser's assumptions. Numeric fields are zero-padded on the left, alphanumeric ones space-padded
// on the right; positions not written are blanks.
//   CNAB 240: FEBRABAN "Layout Padrão de Arquivos — CNAB 240", cobrança (segmentos T e U, retorno).
//   CNAB 400: Bradesco "Layout de Cobrança 4008-524-0121", Itaú "CNAB 400 cobrança",
//             Banco do Brasil CBR643 (convênio de 7 posições).

type Field = [from: number, to: number, value: string | number, kind?: 'num' | 'alpha'];

export function record(width: number, fields: Field[]): string {
  const chars = Array.from({ length: width }, () => ' ');
  for (const [from, to, value, kind = typeof value === 'number' ? 'num' : 'alpha'] of fields) {
    const size = to - from + 1;
    const text = String(value);
    if (text.length > size) throw new Error(`field ${from}-${to} too long: ${text}`);
    const padded = kind === 'num' ? text.padStart(size, '0') : text.padEnd(size, ' ');
    for (let i = 0; i < size; i++) chars[from - 1 + i] = padded[i]!;
  }
  return chars.join('');
}

/** 2026-03-15 → 15032026 (CNAB 240) or 150326 (CNAB 400). */
const ddmmaaaa = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
const ddmmaa = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;

export interface RetornoTitle {
  nossoNumero: string;
  /** Código de movimento (240) / ocorrência (400). */
  code: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
  /** Date of the occurrence (payment). */
  date: string;
  creditDate?: string;
}

export function cnab240Retorno(bank: string, titles: RetornoTitle[], generated = '2026-03-20'): string {
  const lines: string[] = [];
  // Header de arquivo
  lines.push(
    record(240, [
      [1, 3, bank, 'num'],
      [4, 7, 0],
      [8, 8, '0'],
      [18, 18, '2'],
      [19, 32, '12345678000195'],
      [73, 102, 'PROVEDOR EXEMPLO LTDA'],
      [103, 132, 'BANCO'],
      [143, 143, '2'], // 2 = retorno
      [144, 151, ddmmaaaa(generated)],
      [152, 157, 80000],
      [158, 163, 1],
      [164, 166, '087'],
    ]),
  );
  // Header de lote
  lines.push(
    record(240, [
      [1, 3, bank, 'num'],
      [4, 7, 1],
      [8, 8, '1'],
      [9, 9, 'T'],
      [10, 11, '01'],
      [14, 16, '045'],
      [18, 18, '2'],
      [19, 33, '012345678000195'],
      [74, 103, 'PROVEDOR EXEMPLO LTDA'],
      [184, 191, ddmmaaaa(generated)],
    ]),
  );
  let seq = 0;
  for (const t of titles) {
    lines.push(
      record(240, [
        [1, 3, bank, 'num'],
        [4, 7, 1],
        [8, 8, '3'],
        [9, 13, ++seq],
        [14, 14, 'T'],
        [16, 17, t.code, 'num'],
        [18, 22, 1234],
        [23, 23, '5'],
        [24, 35, 98765],
        [36, 36, '1'],
        [38, 57, t.nossoNumero],
        [58, 58, '1'],
        [59, 73, t.nossoNumero],
        [74, 81, ddmmaaaa(t.dueDate)],
        [82, 96, t.amountCents],
        [97, 99, bank, 'num'],
        [131, 132, '09'],
        [133, 133, '1'],
        [134, 148, 12345678909],
        [149, 188, 'MARIA DA SILVA'],
        [199, 213, 250],
      ]),
    );
    lines.push(
      record(240, [
        [1, 3, bank, 'num'],
        [4, 7, 1],
        [8, 8, '3'],
        [9, 13, ++seq],
        [14, 14, 'U'],
        [16, 17, t.code, 'num'],
        [18, 32, 0],
        [33, 47, 0],
        [48, 62, 0],
        [63, 77, 0],
        [78, 92, t.paidCents],
        [93, 107, t.paidCents - 250],
        [108, 122, 0],
        [123, 137, 0],
        [138, 145, ddmmaaaa(t.date)],
        [146, 153, t.paidCents ? ddmmaaaa(t.creditDate ?? t.date) : '00000000'],
      ]),
    );
  }
  lines.push(
    record(240, [
      [1, 3, bank, 'num'],
      [4, 7, 1],
      [8, 8, '5'],
      [18, 23, seq + 2],
    ]),
  );
  lines.push(
    record(240, [
      [1, 3, bank, 'num'],
      [4, 7, 9999],
      [8, 8, '9'],
      [18, 23, 1],
      [24, 29, seq + 4],
    ]),
  );
  return `${lines.join('\r\n')}\r\n`;
}

function header400(bank: string, bankName: string, generated: string): string {
  return record(400, [
    [1, 1, '0'],
    [2, 2, '2'], // retorno
    [3, 9, 'RETORNO'],
    [10, 11, '01'],
    [12, 26, 'COBRANCA'],
    [27, 46, '00000000000001234567'],
    [47, 76, 'PROVEDOR EXEMPLO LTDA'],
    [77, 79, bank, 'num'],
    [80, 94, bankName],
    [95, 100, ddmmaa(generated)],
    [395, 400, 1],
  ]);
}

const trailer400 = (bank: string, seq: number) =>
  record(400, [
    [1, 1, '9'],
    [2, 2, '2'],
    [3, 4, '01'],
    [5, 7, bank, 'num'],
    [395, 400, seq],
  ]);

/** Bradesco, registro de transação tipo 1. */
function bradescoDetail(t: RetornoTitle, seq: number): string {
  return record(400, [
    [1, 1, '1'],
    [2, 3, '02'],
    [4, 17, '12345678000195'],
    [21, 37, '00090123401234567'],
    [38, 62, `FAT${t.nossoNumero}`],
    [71, 82, t.nossoNumero, 'num'],
    [108, 108, '9'],
    [109, 110, t.code, 'num'],
    [111, 116, ddmmaa(t.date)],
    [117, 126, t.nossoNumero.slice(-10)],
    [147, 152, ddmmaa(t.dueDate)],
    [153, 165, t.amountCents],
    [166, 168, '237'],
    [169, 173, 12345],
    [176, 188, 250],
    [254, 266, t.paidCents],
    [296, 301, t.paidCents ? ddmmaa(t.creditDate ?? t.date) : '000000'],
    [395, 400, seq],
  ]);
}

/** Itaú, registro de transação tipo 1. */
function itauDetail(t: RetornoTitle, seq: number): string {
  return record(400, [
    [1, 1, '1'],
    [2, 3, '02'],
    [4, 17, '12345678000195'],
    [18, 21, 1234],
    [22, 23, 0],
    [24, 28, 12345],
    [29, 29, '6'],
    [38, 62, `FAT${t.nossoNumero}`],
    [63, 70, t.nossoNumero, 'num'],
    [83, 85, '109'],
    [86, 93, t.nossoNumero, 'num'],
    [94, 94, '3'],
    [108, 108, 'I'],
    [109, 110, t.code, 'num'],
    [111, 116, ddmmaa(t.date)],
    [117, 126, t.nossoNumero.slice(-10)],
    [127, 134, t.nossoNumero, 'num'],
    [147, 152, ddmmaa(t.dueDate)],
    [153, 165, t.amountCents],
    [166, 168, '341'],
    [176, 188, 250],
    [254, 266, t.paidCents],
    [296, 301, t.paidCents ? ddmmaa(t.creditDate ?? t.date) : '000000'],
    [395, 400, seq],
  ]);
}

/** Banco do Brasil CBR643, detalhe tipo 7 (convênio de 7 posições; nosso número of 17). */
function bbDetail(t: RetornoTitle, seq: number): string {
  return record(400, [
    [1, 1, '7'],
    [2, 3, '02'],
    [4, 17, '12345678000195'],
    [18, 21, 1234],
    [22, 22, '5'],
    [23, 30, 98765],
    [31, 31, '1'],
    [32, 38, 1234567],
    [39, 63, `FAT${t.nossoNumero}`],
    [64, 80, t.nossoNumero, 'num'],
    [107, 108, '17'],
    [109, 110, t.code, 'num'],
    [111, 116, ddmmaa(t.date)],
    [117, 126, t.nossoNumero.slice(-10)],
    [147, 152, ddmmaa(t.dueDate)],
    [153, 165, t.amountCents],
    [166, 168, '001'],
    [176, 181, t.paidCents ? ddmmaa(t.creditDate ?? t.date) : '000000'],
    [182, 188, 250],
    [254, 266, t.paidCents],
    [395, 400, seq],
  ]);
}

const DETAIL = { '237': bradescoDetail, '341': itauDetail, '001': bbDetail } as const;
const NAMES = { '237': 'BRADESCO', '341': 'BANCO ITAU SA', '001': 'BANCO DO BRASIL' } as const;

export function cnab400Retorno(
  bank: keyof typeof DETAIL,
  titles: RetornoTitle[],
  generated = '2026-03-20',
): string {
  const lines = [header400(bank, NAMES[bank], generated), ...titles.map((t, i) => DETAIL[bank](t, i + 2))];
  lines.push(trailer400(bank, titles.length + 2));
  return `${lines.join('\r\n')}\r\n`;
}
