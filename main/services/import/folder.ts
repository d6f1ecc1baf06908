// The watched folder of an "Importar arquivos" routine: which files are ready (settled: not being
// written), importing each through the one import path, and moving it to processados/ or com-erro/
// with its report beside it, so every file is processed once. Bank retornos go last: the invoices an
// ERP export brings in the same batch must exist before their payments arrive.
import { open, readdir, readFile, rename, stat, mkdir, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { companyTimezone, type ImportFilesRoutine } from '../../../shared/domain';
import type { ImportOutcome } from '../../../shared/import-outcome';
import type { ImportedFile } from '../../../shared/records';
import { importFile, type ImportHost } from './apply';
import { detectKind } from './detect';
import { rejectedLinesCsv } from './report';
import { importReportText } from './report-text';

export const PROCESSED_DIR = 'processados';
export const FAILED_DIR = 'com-erro';

export interface FolderFile {
  name: string;
  path: string;
  mtimeMs: number;
  size: number;
  /** A bank retorno (imported after the other files). */
  retorno: boolean;
}

export class FolderMissingError extends Error {}

/** Files a program is still writing, or leaves beside its work (Office locks, downloads in progress). */
const TEMPORARY = /^(\.|~\$)|\.(tmp|temp|part|partial|crdownload|download|lock)$/i;

export interface FolderImporterOptions {
  /** A file is taken once it has not changed for this long (default 5 s). */
  settleMs?: number;
  /** A file whose import failed is not tried again, unchanged, before this (default 10 min). */
  retryAfterMs?: number;
}

export function createFolderImporter(host: ImportHost, options: FolderImporterOptions = {}) {
  const settleMs = options.settleMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 10 * 60_000;
  /** path|size|mtime → when it failed: an unreadable file must not make a run every minute. */
  const failed = new Map<string, number>();
  const identity = (f: FolderFile) => `${f.path}|${f.size}|${f.mtimeMs}`;

  async function isRetorno(path: string): Promise<boolean> {
    const handle = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      const head = buffer.subarray(0, bytesRead);
      const kind = detectKind(head, () => new TextDecoder('latin1').decode(head));
      return kind === 'cnab240' || kind === 'cnab400';
    } finally {
      await handle.close();
    }
  }

  /** The files ready to import, oldest first, retornos last. */
  async function ready(routine: ImportFilesRoutine): Promise<FolderFile[]> {
    let entries;
    try {
      entries = await readdir(routine.folder, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new FolderMissingError(
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `a pasta ${routine.folder} não foi encontrada (confira se ela existe e se a unidade de rede está conectada)`
          : `a pasta ${routine.folder} não pôde ser lida (${code ?? 'erro'})`,
      );
    }
    // File times are real times: compared with the real clock, not the business one (REGUA_NOW).
    const now = Date.now();
    const files: FolderFile[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || TEMPORARY.test(entry.name)) continue;
      const path = join(routine.folder, entry.name);
      const info = await stat(path).catch(() => null);
      if (!info || now - info.mtimeMs < settleMs) continue;
      const file = { name: entry.name, path, mtimeMs: info.mtimeMs, size: info.size, retorno: false };
      const failedAt = failed.get(identity(file));
      if (failedAt !== undefined && now - failedAt < retryAfterMs) continue;
      file.retorno = await isRetorno(path).catch(() => false);
      files.push(file);
    }
    return files.sort(
      (a, b) =>
        Number(a.retorno) - Number(b.retorno) || a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name),
    );
  }

  /** "2026-03-10 08.00.12", in the company's zone: processed files keep every day's copy. */
  function stamp(): { prefix: string; when: string } {
    const tz = companyTimezone(host.store.settings());
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(host.clock.now())
        .map((p) => [p.type, p.value]),
    );
    return {
      prefix: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}.${parts.minute}.${parts.second}`,
      when: `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`,
    };
  }

  async function freeName(dir: string, name: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name} (${n})`;
      const taken = await access(join(dir, candidate)).then(
        () => true,
        () => false,
      );
      if (!taken) return candidate;
    }
  }

  async function importOne(
    routine: ImportFilesRoutine,
    file: FolderFile,
    dryRun: boolean,
  ): Promise<ImportedFile> {
    let outcome: ImportOutcome;
    try {
      outcome = await importFile(host, {
        bytes: await readFile(file.path),
        fileName: file.name,
        baseDir: routine.folder,
        type: routine.fileType === 'auto' ? undefined : routine.fileType,
        preset: routine.presetId ?? undefined,
        onlyValid: routine.onlyValid,
        dryRun,
      });
    } catch (e) {
      if (!dryRun) failed.set(identity(file), Date.now());
      const message = (e as Error).message;
      return { name: file.name, status: 'error', kind: null, summary: message, rejected: 0, movedTo: null };
    }
    const result: ImportedFile = {
      name: file.name,
      status: outcome.status,
      kind: outcome.kind,
      summary: outcome.summary,
      rejected: outcome.rejected.length + outcome.documentErrors.length,
      movedTo: null,
    };
    if (dryRun) return result;
    const dirName = outcome.status === 'refused' ? FAILED_DIR : PROCESSED_DIR;
    const dir = join(routine.folder, dirName);
    const { prefix, when } = stamp();
    try {
      await mkdir(dir, { recursive: true });
      const target = await freeName(dir, `${prefix} ${file.name}`);
      const movedTo = `${dirName}/${target}`;
      await writeFile(
        join(dir, `${target}.relatorio.txt`),
        importReportText(outcome, { routine: routine.description, when, movedTo }),
      );
      if (outcome.rejected.length)
        await writeFile(join(dir, `${target}.linhas-com-erro.csv`), rejectedLinesCsv(outcome.rejected));
      await rename(file.path, join(dir, target));
      result.movedTo = movedTo;
    } catch (e) {
      // Imported but not moved: importing it again changes nothing, but say why it is still there.
      failed.set(identity(file), Date.now());
      result.summary += ` (não foi possível mover o arquivo: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
    return result;
  }

  /** Imports each file, one after the other. */
  async function run(
    routine: ImportFilesRoutine,
    files: readonly FolderFile[],
    options: { dryRun?: boolean } = {},
  ): Promise<ImportedFile[]> {
    const out: ImportedFile[] = [];
    for (const file of files) out.push(await importOne(routine, file, !!options.dryRun));
    return out;
  }

  return { ready, run };
}

export type FolderImporter = ReturnType<typeof createFolderImporter>;
