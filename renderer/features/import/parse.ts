// Reading the pasted or chosen text as JSON, with a syntax error told in Portuguese and by line.
import type { DocumentError } from '../../../shared/records';

export type Parsed = { ok: true; document: unknown } | { ok: false; error: DocumentError };

function where(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (linha ${line}, coluna ${column})`;
}

export function parseJson(text: string): Parsed {
  if (!text.trim())
    return {
      ok: false,
      error: { path: '(documento)', message: 'escolha um arquivo .json ou cole o conteúdo do documento' },
    };
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      ok: false,
      error: {
        path: '(documento)',
        message: `o conteúdo não é um JSON válido${where(text, (e as Error).message)}: confira vírgulas, aspas e chaves`,
      },
    };
  }
}
