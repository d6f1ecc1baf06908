// What kind of file this is, from its bytes (never from the name alone): a regua/v1 document (JSON), a
// CNAB 240 or 400 retorno (fixed-width lines and their header record), an XLSX (a zip), or CSV.
import type { ImportKind } from './types';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The first lines of a text, without line breaks. */
function firstLines(text: string, count: number): string[] {
  return text.split(/\r?\n/, count + 1).filter((l, i) => i < count && l !== '');
}

export function detectKind(bytes: Uint8Array, text: () => string): ImportKind {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
  const head = text().replace(/^\uFEFF/, '');
  // A JSON object is read as a regua/v1 document wherever its "format" sits (JSON keys have no
  // order), and one without it is refused by the document's own check ("formato deve ser…").
  // So is any other JSON value a file can hold (a list, null): no CSV starts that way, and the
  // document's check then says what is wrong rather than asking for spreadsheet columns.
  if (/^\s*[{[]/.test(head) || /^\s*(null|true|false)\s*$/.test(head)) return 'regua-json';
  const lines = firstLines(head, 3);
  const first = lines[0] ?? '';
  // CNAB 240: header de arquivo = bank(3) lote "0000" type "0"; every record 240 wide.
  if (
    lines.length >= 2 &&
    lines.every((l) => l.trimEnd().length <= 240 && l.length >= 239) &&
    /^\d{3}00000/.test(first)
  )
    return 'cnab240';
  // CNAB 400: header "0" + "2" (retorno) + "RETORNO"; records 400 wide.
  if (lines.length >= 2 && lines.every((l) => l.length >= 399 && l.length <= 400) && /^02RETORNO/.test(first))
    return 'cnab400';
  return 'csv';
}
