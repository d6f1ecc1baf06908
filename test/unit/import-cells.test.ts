// Reading one cell, one header, one file's encoding and kind.
import { describe, expect, it } from 'vitest';
import { normalizeHeader, parseDateCell, parseMoneyCell } from '../../main/services/import/cells';
import { readField } from '../../main/services/import/cell-fields';
import { decodeText } from '../../main/services/import/decode';
import { detectKind } from '../../main/services/import/detect';
import { guessMapping, guessRowType } from '../../main/services/import/fields';
import type { ImportField } from '../../main/services/import';

const win1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0))); // Latin-1 range only

describe('decoding', () => {
  it('reads Windows-1252 and UTF-8 (with or without BOM) without mangling accents', () => {
    expect(decodeText(win1252('José;Conceição'))).toEqual({
      text: 'José;Conceição',
      encoding: 'windows-1252',
    });
    expect(decodeText(new TextEncoder().encode('José'))).toEqual({ text: 'José', encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('José')]);
    expect(decodeText(bom).text).toBe('José');
  });

  // Found by test/unit/import-properties.test.ts: Node 20's TextDecoder('windows-1252') is Latin-1,
  // so the letters Windows puts in 0x80–0x9F (Word's quotes and dashes, €) came out as control codes.
  it('reads the letters Windows-1252 has where Latin-1 has control codes', () => {
    const bytes = Uint8Array.from([0x93, 0x46, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0x92, 0x97, 0x85, 0xe9]);
    expect(decodeText(bytes)).toEqual({ text: '“F” – € ’—…é', encoding: 'windows-1252' });
  });
});

describe('detecting the kind of file', () => {
  const kind = (text: string, bytes = new TextEncoder().encode(text)) => detectKind(bytes, () => text);
  it('regua/v1, XLSX by its zip magic, CNAB by width and header, else CSV', () => {
    expect(kind('{ "format": "regua/v1", "customers": [] }')).toBe('regua-json');
    expect(kind('', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('xlsx');
    expect(kind(`${'0'.repeat(400)}\n`)).toBe('csv');
    expect(kind(`02RETORNO${' '.repeat(391)}\n1${' '.repeat(399)}\n`)).toBe('cnab400');
    expect(kind(`34100000${' '.repeat(232)}\n34100011${' '.repeat(232)}\n`)).toBe('cnab240');
    expect(kind('Nome;E-mail\nMaria;maria@x.example\n')).toBe('csv');
  });

  // Found by test/unit/interchange-properties.test.ts: JSON does not order keys, so a document whose
  // "format" came after its first 2,000 characters was read as a CSV and refused for missing columns.
  it('a JSON object is a regua/v1 document wherever its "format" is, or without one', () => {
    const customers = Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, name: `Cliente ${i}` }));
    expect(kind(JSON.stringify({ customers, format: 'regua/v1' }))).toBe('regua-json');
    expect(kind('\uFEFF\n  {"customers": []}')).toBe('regua-json');
  });

  // A .json holding a list or null was read as a spreadsheet and refused for "falta a coluna…".
  it('any other JSON value goes to the document check too, which says it is not a document', () => {
    expect(kind('[{"id": "c1"}]')).toBe('regua-json');
    expect(kind('null\n')).toBe('regua-json');
    expect(kind('Nome;E-mail\nnull;x@y.example\n')).toBe('csv');
  });
});

// Found by test/unit/import-properties.test.ts: a CNPJ starting with 000 that a spreadsheet stored as
// a number (10 or 11 digits left) was padded as a CPF and refused ("CPF inválido").
describe('a CPF or CNPJ a spreadsheet stored as a number', () => {
  it('gets back the zeros of whichever of the two checks', () => {
    expect(readField('document', 12345000165, {})).toEqual({ ok: true, value: '00.012.345/0001-65' });
    expect(readField('document', 2345000184, {})).toEqual({ ok: true, value: '00.002.345/0001-84' });
    expect(readField('document', 1234567890, {})).toEqual({ ok: true, value: '012.345.678-90' });
    expect(readField('document', 11222333000181, {})).toEqual({ ok: true, value: '11.222.333/0001-81' });
    // Nine digits or fewer fit both (a CPF starting 00, a CNPJ starting 00000): read as the CPF.
    expect(readField('document', 191, {})).toEqual({ ok: true, value: '000.000.001-91' });
    expect(readField('document', 12345000166, {})).toMatchObject({ ok: false });
  });
});

describe('dates', () => {
  it('dd/mm/aaaa, aaaa-mm-dd, Excel serials and Date cells', () => {
    expect(parseDateCell('15/03/2026')).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDateCell('5/3/2026')).toEqual({ ok: true, value: '2026-03-05' });
    expect(parseDateCell('2026-03-15')).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDateCell('2026-03-15 00:00:00')).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDateCell(46096)).toEqual({ ok: true, value: '2026-03-15' }); // Excel serial
    expect(parseDateCell(new Date(Date.UTC(2026, 2, 15)))).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDateCell('03/15/2026', 'mm/dd/aaaa')).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDateCell('31/02/2026').ok).toBe(false);
    expect(parseDateCell('amanhã').ok).toBe(false);
  });
});

describe('money', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['R$ 1.234,56', 123456],
    ['R$1.234,5', 123450],
    ['99,9', 9990],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['100', 10000],
    ['1.000', 100000],
  ])('%s → %i cents', (text, cents) => {
    expect(parseMoneyCell(text)).toEqual({ ok: true, value: cents });
  });

  it('numeric cells, and nonsense refused', () => {
    expect(parseMoneyCell(99.9)).toEqual({ ok: true, value: 9990 });
    expect(parseMoneyCell(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
    expect(parseMoneyCell('12,345').ok).toBe(false);
    expect(parseMoneyCell('dez reais').ok).toBe(false);
    expect(parseMoneyCell(-5).ok).toBe(false);
  });
});

describe('headers', () => {
  it('are matched in any case, with or without accents, in any order', () => {
    expect(normalizeHeader('  Razão Social ')).toBe('razao social');
    expect(normalizeHeader('E-MAIL')).toBe('e mail');
    const headers = [
      'VENCIMENTO',
      'razão social',
      'Cpf/Cnpj',
      'e-mail',
      'Valor do título',
      'Nº documento',
      'Linha Digitável',
    ];
    expect(guessMapping(headers)).toEqual({
      VENCIMENTO: 'dueDate',
      'razão social': 'customerName',
      'Cpf/Cnpj': 'document',
      'e-mail': 'email',
      'Valor do título': 'amount',
      'Nº documento': 'invoiceNumber',
      'Linha Digitável': 'digitableLine',
    });
  });

  it('"Número" after "Endereço" is the street number', () => {
    expect(guessMapping(['Nome', 'Endereço', 'Número', 'Bairro'])).toMatchObject({ Número: 'streetNumber' });
    expect(guessMapping(['Número', 'Vencimento'])).toMatchObject({ Número: 'invoiceNumber' });
  });

  it('the row type follows from the fields', () => {
    const type = (...f: ImportField[]) => guessRowType(new Set(f));
    expect(type('customerName', 'email')).toBe('customers');
    expect(type('customerName', 'dueDate', 'amount')).toBe('invoices');
    expect(type('nossoNumero', 'paymentDate', 'paidAmount')).toBe('payments');
  });
});
