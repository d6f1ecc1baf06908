// The `regua` command: import, export, run, plan, prepare, history, smtp-test, layouts, daemon, serve.
// Exit codes: 0 fine, 1 a delivery failed, 2 bad input or configuration.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../shared/calendar';
import { forecastJson, forecastText, formatRun } from './cli-format';
import { writeStreamed } from './cli-stream';
import { createEngine, DEFAULT_RETRY, type Engine, type EngineOptions } from './engine';
import { offsetClock, systemClock } from './services/clock';
import { forecastStream } from './services/forecast';
import { describePrepared } from './services/preparer';
import { applyDocument, checkDocument, exportDocument, resolvePdfPaths } from './services/interchange';
import { LockTimeoutError } from './services/locks';
import { RunError } from './services/run-error';
import type { RunReport } from './services/runner';
import { resolveDataDir } from './services/paths';
import { DataFileCorruptError, StorageError } from './services/storage-errors';
import { runDaemon } from './daemon';
import { runServe } from './serve';
import { withoutLayout } from './services/layout-registry';

type App = Engine;

/** Commands that only read: they never lock, back up or write anything. */
const READING = new Set(['export', 'plan', 'history', 'smtp-test']);

const USAGE = `Uso: regua <comando> [opções]   (opção global: --data-dir PASTA)

  import ARQUIVO.json          mescla um documento regua/v1 (tudo ou nada)
  export [--with-secrets] [--output ARQUIVO]
  run [--date AAAA-MM-DD] [--routine ID] [--dry-run] [--json] [--verbose]
  plan --from AAAA-MM-DD --to AAAA-MM-DD [--json]
  prepare [--routine ID --date AAAA-MM-DD] [--json]
                               compõe já os e-mails da próxima execução (o agendador faz isso sozinho)
  history [--invoice ID] [--customer ID] [--status S] [--json]
  smtp-test [--account ID]     testa a conexão com o servidor SMTP
  layouts [list | restore ID]
  daemon                       agendador sem interface (SIGTERM encerra)
  serve [--port N] [--host H]  agendador + telas no navegador (só 127.0.0.1, com token)`;

export class UsageError extends Error {}

const OPTIONS = {
  'data-dir': { type: 'string' },
  date: { type: 'string' },
  routine: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  'with-secrets': { type: 'boolean' },
  output: { type: 'string' },
  invoice: { type: 'string' },
  customer: { type: 'string' },
  status: { type: 'string' },
  account: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const dateFlag = (value: string | undefined, name: string): string | undefined => {
  if (value !== undefined && !isCalendarDate(value))
    throw new UsageError(`--${name}: data inválida "${value}" (use AAAA-MM-DD)`);
  return value;
};

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command || flags.help) {
    console.log(USAGE);
    return command || flags.help ? 0 : 2;
  }
  const env = process.env;
  const clock = env.REGUA_NOW ? offsetClock(new Date(env.REGUA_NOW)) : systemClock;
  const retry = {
    attempts: Number(env.REGUA_RETRY_ATTEMPTS ?? DEFAULT_RETRY.attempts),
    delayMs: Number(env.REGUA_RETRY_DELAY_MS ?? DEFAULT_RETRY.delayMs),
  };
  // Tests make the background preparation start at once instead of after a quiet moment.
  const prepareDelay = env.REGUA_PREPARE_DELAY_MS ? Number(env.REGUA_PREPARE_DELAY_MS) : undefined;
  const prepare = { startDelayMs: prepareDelay, changeDelayMs: prepareDelay };
  const smtpTimeoutMs = env.REGUA_SMTP_TIMEOUT_MS ? Number(env.REGUA_SMTP_TIMEOUT_MS) : undefined;
  let app: App | null = null;
  try {
    const dataDir = resolveDataDir(flags['data-dir']);
    const options: EngineOptions = { dataDir, clock, retry, prepare, smtpTimeoutMs };
    if (command === 'daemon') return await runDaemon(options);
    if (command === 'serve') {
      const port = Number(flags.port ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port inválida: ${flags.port}`);
      return await runServe({ ...options, port, host: flags.host ?? '127.0.0.1' });
    }
    const readOnly =
      READING.has(command) ||
      (command === 'run' && !!flags['dry-run']) ||
      (command === 'layouts' && args[0] !== 'restore');
    app = await createEngine({ ...options, readOnly });
    return await dispatch(app, command, args, flags);
  } catch (e) {
    return reportFailure(e);
  } finally {
    await app?.close().catch((e: unknown) => reportFailure(e));
    // Problems met on the way that did not stop the command (a backup not taken, a line repaired).
    for (const w of app?.warnings ?? []) console.error(`regua: aviso: ${w}`);
  }
}

/** Every failure as a clerk reads it: Portuguese, no stack trace; 2 for input or environment. */
function reportFailure(e: unknown): number {
  if (
    e instanceof UsageError ||
    e instanceof RunError ||
    e instanceof DataFileCorruptError ||
    e instanceof StorageError ||
    e instanceof LockTimeoutError
  ) {
    console.error(`regua: ${e.message}`);
    return 2;
  }
  const message = (e as Error)?.message ?? String(e);
  if (/versão mais nova do Régua/.test(message)) {
    console.error(`regua: ${message}`);
    return 2;
  }
  console.error(`regua: erro inesperado: ${message}`);
  if (process.env.REGUA_DEBUG) console.error((e as Error)?.stack);
  return 1;
}

async function dispatch(app: App, command: string, args: string[], flags: Flags): Promise<number> {
  switch (command) {
    case 'import':
      return importFile(app, args[0]);
    case 'export': {
      const text = JSON.stringify(exportDocument(app.store, !!flags['with-secrets']), null, 2) + '\n';
      if (flags.output) await writeFile(flags.output, text, { mode: flags['with-secrets'] ? 0o600 : 0o644 });
      else process.stdout.write(text);
      return 0;
    }
    case 'run':
      return run(app, flags);
    case 'plan': {
      const from = dateFlag(flags.from, 'from');
      const to = dateFlag(flags.to, 'to');
      if (!from || !to) throw new UsageError('plan exige --from e --to');
      if (to < from) throw new UsageError('--to deve ser igual ou posterior a --from');
      // Written as each day is worked out: a year over 100,000 invoices is hundreds of megabytes.
      const days = forecastStream(app, from, to);
      await writeStreamed(process.stdout, flags.json ? forecastJson(days) : forecastText(days, app.store));
      return 0;
    }
    case 'prepare':
      return prepareNext(app, flags);
    case 'history':
      return history(app, flags);
    case 'smtp-test':
      return smtpTest(app, flags.account);
    case 'layouts':
      return layouts(app, args);
    default:
      throw new UsageError(`comando desconhecido: ${command}\n\n${USAGE}`);
  }
}

async function importFile(app: App, file: string | undefined): Promise<number> {
  if (!file) throw new UsageError('informe o arquivo: regua import ARQUIVO.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `não foi possível ler ${file}: ${code === 'ENOENT' ? 'arquivo não encontrado' : code === 'EISDIR' ? 'é uma pasta' : (code ?? 'erro de leitura')}`,
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} não é um JSON válido: ${(e as Error).message}`);
  }
  const refuse = (errors: { path: string; message: string }[]) => {
    console.error(`regua: documento recusado, nada foi gravado (${errors.length} erro(s)):`);
    for (const e of errors) console.error(`  ${e.path}: ${e.message}`);
    return 2;
  };
  // Checked and applied inside one write, against the data as it is under the lock.
  const outcome = await app.update(async (tx) => {
    const checked = checkDocument(input, tx, app.layouts);
    if (!checked.doc) return { errors: checked.errors };
    const pdfFolder = (checked.doc.company ?? tx.settings().company)?.pdfFolder;
    const resolved = await resolvePdfPaths(checked.doc, dirname(resolve(file)), pdfFolder);
    if (resolved.errors.length) return { errors: resolved.errors };
    return { summary: applyDocument(resolved.doc, tx) };
  });
  if (!outcome.summary) return refuse(outcome.errors);
  const summary = outcome.summary;
  const parts = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'nada';
  console.log(
    `Importado ${file}: criados: ${parts(summary.created)}; atualizados: ${parts(summary.updated)}`,
  );
  return 0;
}

async function run(app: App, flags: Flags): Promise<number> {
  const date = dateFlag(flags.date, 'date') ?? app.today();
  const routines = app.store
    .settings()
    .routines.filter((r) => r.task === 'send_email' && (flags.routine ? r.id === flags.routine : r.active));
  if (routines.length === 0)
    throw new UsageError(
      flags.routine ? `rotina não encontrada: ${flags.routine}` : 'nenhuma rotina Enviar Email ativa',
    );
  const reports: RunReport[] = [];
  for (const routine of routines) {
    const report = await app.runner.runRoutine(routine.id, {
      date,
      trigger: 'manual',
      honourCalendar: true,
      dryRun: !!flags['dry-run'],
    });
    reports.push(report);
    if (!flags.json) console.log(formatRun(report, app.store, !!flags.verbose));
  }
  if (flags.json) console.log(JSON.stringify(reports, null, 2));
  const failed = reports.some(
    (r) => r.status === 'aborted' || r.counts.failed > 0 || r.counts.pending > 0 || r.counts.uncertain > 0,
  );
  return failed ? 1 : 0;
}

async function prepareNext(app: App, flags: Flags): Promise<number> {
  const date = dateFlag(flags.date, 'date');
  if (!!date !== !!flags.routine)
    throw new UsageError('prepare: informe --routine e --date juntos, ou nenhum dos dois');
  if (flags.routine && !app.store.settings().routines.some((r) => r.id === flags.routine))
    throw new UsageError(`rotina não encontrada: ${flags.routine}`);
  const results = await app.preparer.prepare(
    date && flags.routine ? { routineId: flags.routine, date } : undefined,
  );
  if (flags.json) console.log(JSON.stringify(results, null, 2));
  else if (results.length === 0) console.log('Nenhuma execução a preparar.');
  else for (const r of results) console.log(describePrepared(r));
  return results.some((r) => r.problems.length > 0) ? 1 : 0;
}

async function history(app: App, flags: Flags): Promise<number> {
  if ((await app.ledger.tornTail()) > 0 && !(await app.lane.lockedSomewhere()))
    console.error(
      'regua: aviso: a última linha do histórico de envios está incompleta (uma gravação foi interrompida); ela não é mostrada e será removida na próxima gravação',
    );
  const rows = app.ledger
    .history()
    .filter(
      (r) =>
        (!flags.invoice || r.invoiceId === flags.invoice) &&
        (!flags.customer || r.customerId === flags.customer) &&
        (!flags.status || r.status === flags.status),
    );
  if (flags.json) console.log(JSON.stringify(rows, null, 2));
  else
    for (const r of rows)
      console.log(
        `${r.at}  ${r.status.padEnd(9)} ${r.invoiceId} ${r.origin === 'rule' ? `${r.kind}/${r.days} ref ${r.referenceDate}` : `manual (${r.layoutId})`}${r.mode === 'test' ? ' [modo de teste]' : ''}  ${r.to?.join(', ') ?? ''}  ${r.reason ?? ''}`,
      );
  return 0;
}

async function smtpTest(app: App, accountId: string | undefined): Promise<number> {
  const accounts = app.store.settings().smtpAccounts.filter((a) => !accountId || a.id === accountId);
  if (accounts.length === 0)
    throw new UsageError(
      accountId ? `conta não encontrada: ${accountId}` : 'nenhuma conta de e-mail cadastrada',
    );
  let failed = false;
  for (const account of accounts) {
    const problem = await app.mailerFor(account.id).verify();
    console.log(`${account.id} (${account.host}:${account.port}): ${problem ?? 'conexão OK'}`);
    failed ||= problem !== null;
  }
  return failed ? 1 : 0;
}

async function layouts(app: App, args: string[]): Promise<number> {
  const [sub = 'list', id] = args;
  if (sub === 'list') {
    for (const l of app.layouts.list())
      console.log(
        `${l.id.padEnd(26)} ${l.name}${l.customized ? ' (editado)' : ''}${l.preRegistered ? '' : ' (próprio)'}`,
      );
    return 0;
  }
  if (sub === 'restore' && id) {
    if (!app.layouts.isPreRegistered(id)) throw new UsageError(`não é um layout pré-cadastrado: ${id}`);
    await app.update((tx) => tx.setSettings(withoutLayout(tx.settings(), id)));
    console.log(`Layout ${id} restaurado ao padrão.`);
    return 0;
  }
  throw new UsageError('uso: regua layouts [list | restore ID]');
}
