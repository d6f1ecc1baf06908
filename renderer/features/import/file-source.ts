// The file to import as main receives it: its name and its bytes in base64 (the API travels as
// JSON). Bytes, not text: an ERP's Windows-1252 CSV or an XLSX must arrive exactly as on disk.
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/contract/imports';

export interface FileSource {
  fileName: string;
  contentBase64: string;
  /** Pasted text is checked when asked (Verificar); a chosen file at once. */
  from: 'file' | 'paste';
  /** For pasted text: what was checked, so an edit afterwards asks for a new check. */
  text?: string;
}

export class FileTooLarge extends Error {}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + chunk, bytes.length)));
  return btoa(binary);
}

export async function fromFile(file: File): Promise<FileSource> {
  if (file.size > MAX_IMPORT_FILE_BYTES)
    throw new FileTooLarge(
      `${file.name} tem ${Math.round(file.size / (1024 * 1024))} MB; o máximo pela tela é 45 MB. Para um arquivo maior, coloque-o na pasta de uma rotina Importar arquivos (Configurações › Geral › Rotinas)`,
    );
  return {
    fileName: file.name,
    contentBase64: base64(new Uint8Array(await file.arrayBuffer())),
    from: 'file',
  };
}

export const fromText = (text: string): FileSource => ({
  fileName: 'conteúdo colado',
  contentBase64: base64(new TextEncoder().encode(text)),
  from: 'paste',
  text,
});
