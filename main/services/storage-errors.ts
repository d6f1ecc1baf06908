// What a storage failure means to the office: a full disk, a folder that cannot be written, a file
// that no longer parses. Every one becomes a Portuguese message that names the folder or file and
// what to do; the CLI exits 2 on them and the screens show them as an alert.
import { dirname } from 'node:path';

/** The disk or the folder refused a read or write: nothing half-written was kept. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** A data file that no longer parses: it is never overwritten; the newest good backup is named. */
export class DataFileCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly backup: string | null,
    detail: string,
  ) {
    super(
      `O arquivo ${file} está corrompido (${detail}) e não foi alterado. ` +
        (backup
          ? `Backup válido mais recente: ${backup}. Copie-o sobre o arquivo corrompido para restaurar.`
          : 'Nenhum backup válido foi encontrado.'),
    );
    this.name = 'DataFileCorruptError';
  }
}

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const NO_WRITE = new Set(['EROFS', 'EACCES', 'EPERM']);

const errnoOf = (e: unknown): string | undefined =>
  e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : undefined;

export const isStorageFault = (e: unknown): boolean => {
  const code = errnoOf(e);
  return !!code && (NO_SPACE.has(code) || NO_WRITE.has(code) || code === 'EIO');
};

/**
 * The clerk-facing form of a file-system error met while `doing` something in `folder` (the data
 * folder). Errors that are not storage faults come back unchanged.
 */
export function storageError(e: unknown, folder: string, doing = 'gravar os dados'): unknown {
  if (e instanceof StorageError || !isStorageFault(e)) return e;
  const code = errnoOf(e)!;
  const path = (e as { path?: string }).path ?? folder;
  const where = folder || dirname(path);
  if (NO_SPACE.has(code))
    return new StorageError(
      `Não há espaço livre no disco da pasta de dados ${where} para ${doing}. ` +
        'Libere espaço no disco e tente de novo: o que já estava gravado não foi perdido e nada foi gravado pela metade.',
      code,
      path,
    );
  if (NO_WRITE.has(code))
    return new StorageError(
      `A pasta de dados ${where} não pode ser gravada (somente leitura ou sem permissão) e não foi possível ${doing}. ` +
        'Verifique as permissões da pasta ou escolha outra com --data-dir; o que já estava gravado não foi alterado.',
      code,
      path,
    );
  return new StorageError(
    `O disco da pasta de dados ${where} falhou ao ${doing} (erro de leitura/gravação). ` +
      'Verifique o disco; o que já estava gravado não foi alterado.',
    code,
    path,
  );
}

/** Runs `fn`; a storage fault it meets becomes a StorageError naming `folder`. */
export async function asStorage<T>(folder: string, doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw storageError(e, folder, doing);
  }
}
