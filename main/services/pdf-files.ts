// The invoice PDFs an ERP leaves on disk, which Régua attaches as they are. A path from an imported
// file is trusted only inside the imported document's folder or the office's "Pasta das faturas em
// PDF"; it must be a regular file (not a device, a FIFO or a folder) of at most MAX_PDF_BYTES, and
// it is read with a time limit, so a bad path can neither hang a run nor fill the memory.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
const READ_TIMEOUT_MS = 15_000;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

export type PdfProblemCode = 'pdf_not_found' | 'pdf_invalid';

/** A PDF the office pointed at that cannot be attached: which problem, and where. */
export class DocumentError extends Error {
  override name = 'DocumentError';
  constructor(
    readonly code: PdfProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const inside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
};

const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Opens `path` without ever blocking on it (a FIFO would) and checks it is a regular file of an acceptable size. */
async function openPdf(path: string) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'não encontrado'
        : code === 'EACCES' || code === 'EPERM'
          ? 'sem permissão de leitura'
          : 'ilegível';
    throw new DocumentError('pdf_not_found', `arquivo PDF da fatura ${what}: ${path}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new DocumentError('pdf_invalid', `o PDF da fatura é uma pasta: ${path}`);
    if (!info.isFile())
      throw new DocumentError(
        'pdf_invalid',
        `o PDF da fatura não é um arquivo comum (dispositivo ou fila): ${path}`,
      );
    if (info.size > MAX_PDF_BYTES)
      throw new DocumentError(
        'pdf_invalid',
        `o PDF da fatura tem ${MB(info.size)}, acima do limite de ${MB(MAX_PDF_BYTES)}: ${path}`,
      );
    return { handle, size: info.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

const notPdf = (path: string) =>
  new DocumentError('pdf_invalid', `o arquivo da fatura não é um PDF válido: ${path}`);

/** The file's content, read with a time limit. */
export async function readPdfFile(path: string, timeoutMs = READ_TIMEOUT_MS): Promise<Buffer> {
  const { handle, size } = await openPdf(path);
  try {
    const content = Buffer.alloc(size);
    const deadline = Date.now() + timeoutMs;
    let read = 0;
    while (read < size) {
      if (Date.now() > deadline)
        throw new DocumentError('pdf_not_found', `o PDF da fatura demorou demais para ser lido: ${path}`);
      const { bytesRead } = await handle.read(content, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const data = content.subarray(0, read);
    if (!data.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw notPdf(path);
    return data;
  } finally {
    await handle.close();
  }
}

/** Checks the file without reading it all: kind, size and the PDF signature. */
export async function probePdfFile(path: string): Promise<void> {
  const { handle } = await openPdf(path);
  try {
    const head = Buffer.alloc(PDF_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.equals(PDF_MAGIC)) throw notPdf(path);
  } finally {
    await handle.close();
  }
}

/**
 * Why an imported `pdfPath` cannot be accepted, or null. Relative paths are resolved against
 * `baseDir` (the imported document's folder; null when the document came from the screens).
 */
export async function pdfPathProblem(
  pdfPath: string,
  baseDir: string | null,
  pdfFolder: string | null | undefined,
): Promise<string | null> {
  if (!isAbsolute(pdfPath) && !baseDir)
    return 'caminho relativo: pela tela Importar informe o caminho completo do PDF, dentro da Pasta das faturas em PDF (Empresa)';
  const path = resolve(baseDir ?? '/', pdfPath);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return `arquivo não encontrado: ${path}`;
  }
  const folders = [baseDir, pdfFolder].filter((f): f is string => !!f);
  const allowed = await Promise.all(folders.map((f) => realpath(f).catch(() => resolve(f))));
  if (!allowed.some((folder) => inside(folder, real)))
    return folders.length === 1 && baseDir
      ? `o PDF deve estar na pasta do arquivo importado (${baseDir}) ou na Pasta das faturas em PDF configurada em Empresa`
      : `o PDF deve estar na Pasta das faturas em PDF configurada em Empresa${pdfFolder ? ` (${pdfFolder})` : ' (nenhuma configurada)'}`;
  try {
    await probePdfFile(real);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}
