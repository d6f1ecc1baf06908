// A plain rotating log file in the data directory (regua.log, then regua.1.log … regua.3.log).
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  readonly file: string;
}

export function createFileLogger(
  dir: string,
  options: { maxBytes?: number; keep?: number; echo?: boolean } = {},
): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const file = join(dir, 'regua.log');
  mkdirSync(dir, { recursive: true });
  const rotate = () => {
    rmSync(join(dir, `regua.${keep}.log`), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(join(dir, `regua.${i}.log`), join(dir, `regua.${i + 1}.log`));
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, join(dir, 'regua.1.log'));
  };
  const write = (level: string, message: string) => {
    const line = `${new Date().toISOString()} ${level} ${message}\n`;
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxBytes) rotate();
      appendFileSync(file, line);
    } catch {
      // a full disk must not take the scheduler down with it
    }
    if (options.echo) (level === 'ERROR' ? console.error : console.log)(line.trimEnd());
  };
  return {
    file,
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m, e) => write('ERROR', e ? `${m}: ${(e as Error)?.stack ?? String(e)}` : m),
  };
}
