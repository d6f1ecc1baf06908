// The `regua` command: import, export, run, plan, prepare, history, smtp-test, layouts, daemon, serve.
// Exit codes: 0 fine, 1 a delivery failed, 2 bad input or configuration.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../shared/calendar';
import { TEST_MODE_ACCOUNT_ID } from '../shared/contract/mail';
import { forecastJson, forecastText, formatDomainCheck, formatRun } from './cli-format';
import { writeStreamed } from './cli-stream';
import { checkAccountDomain } from './services/deliverability/domain-check';
import { createEngine, DEFAULT_RETRY, type Engine, type EngineOptions } from './engine';
import { offsetClock, systemClock } from './services/clock';
import { forecastStream } from './services/forecast';
import { describePrepared } from './services/preparer';
import { exportDocument } from './services/interchange';
import { importCommand } from './cli-import';
import { UsageError } from './cli-usage';
import { LockTimeoutError } from './services/locks';
import { RunError } from './services/run-error';
import type { RunReport } from './services/runner';
import { resolveDataDir } from './services/paths';
import { parseDnsServers } from './services/deliverability/resolver';
import { DataFileCorruptError, StorageError } from './services/storage-errors';
import { runDaemon } from './daemon';
import { runServe } from './serve';
import { withoutLayout } from './services/layout-registry';

type App = Engine;

/** Commands that only read: they never lock, back up or write anything. */
const READING = new Set(['export', 'plan', 'history', 'smtp-test', 'check-domain']);

const USAGE = `Uso: regua <comando> [opções]   (opção global: --data-dir PASTA)

  import ARQUIVO [--type customers|invoices|payments] [--preset NOME] [--only-valid]
         [--dry-run] [--json] [--report ARQUIVO.csv]
                               importa planilha CSV/XLSX do ERP, retorno do banco (CNAB 240/400)
                               ou documento regua/v1; tudo ou nada, salvo com --only-valid
  export [--with-secrets] [--output ARQUIVO]
  run [--date AAAA-MM-DD] [--routine ID] [--dry-run] [--json] [--verbose]
  plan --from AAAA-MM-DD --to AAAA-MM-DD [--json]
  prepare [--routine ID --date AAAA-MM-DD] [--json]
                               compõe já os e-mails da próxima execução (o agendador faz isso sozinho)
  history [--invoice ID] [--customer ID] [--status S] [--json]
  smtp-test [--account ID]     testa a conexão com o servidor SMTP
  check-domain [--account ID] [--json]
                               confere SPF, DKIM e DMARC do domínio do remetente e diz o que publicar
  bounces [--account ID]       lê agora a caixa para retornos e registra os avisos devolvidos
  layouts [list | restore ID]
  daemon                       agendador sem interface (SIGTERM encerra)
  serve [--port N] [--host H]  agendador + telas no navegador (só 127.0.0.1, com token)`;

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
  type: { type: 'string' },
  preset: { type: 'string' },
  'only-valid': { type: 'boolean' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Flags = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

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
  // Tests point the domain checks at a local DNS server, read bounce mailboxes sooner, look at watched
  // import folders often and take files that were still a moment ago.
  const dnsServers = parseDnsServers(env.REGUA_DNS_SERVERS);
  const bouncePoll = env.REGUA_BOUNCE_POLL_MS ? Number(env.REGUA_BOUNCE_POLL_MS) : undefined;
  const bounces = bouncePoll
    ? { intervalMs: bouncePoll, startDelayMs: bouncePoll, afterRunDelayMs: bouncePoll }
    : undefined;
  const importPollMs = env.REGUA_IMPORT_POLL_MS ? Number(env.REGUA_IMPORT_POLL_MS) : undefined;
  const importSettleMs = env.REGUA_IMPORT_SETTLE_MS ? Number(env.REGUA_IMPORT_SETTLE_MS) : undefined;
  let app: App | null = null;
  try {
    const dataDir = resolveDataDir(flags['data-dir']);
    const options: EngineOptions = {
      dataDir,
      clock,
      retry,
      prepare,
      smtpTimeoutMs,
      dnsServers,
      bounces,
      importPollMs,
      importSettleMs,
    };
    if (command === 'daemon') return await runDaemon(options);
    if (command === 'serve') {
      const port = Number(flags.port ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port inválida: ${flags.port}`);
      return await runServe({ ...options, port, host: flags.host ?? '127.0.0.1' });
    }
    const readOnly =
      READING.has(command) ||
      ((command === 'run' || command === 'import') && !!flags['dry-run']) ||
      (command === 'layouts' && args[0] !== 'restore');
    // A run will most likely compose: its workers load while the data is read.
    const warm = command === 'run' && !readOnly;
    app = await createEngine({ ...options, readOnly, ...(warm ? { composePool: { warm } } : {}) });
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
      return importCommand(app, args[0], flags);
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
    case 'check-domain':
      return checkDomains(app, flags);
    case 'bounces':
      return readBounces(app, flags.account);
    case 'layouts':
      return layouts(app, args);
    default:
      throw new UsageError(`comando desconhecido: ${command}\n\n${USAGE}`);
  }
}

async function run(app: App, flags: Flags): Promise<number> {
  const date = dateFlag(flags.date, 'date') ?? app.today();
  // Named, any routine runs (an "Importar arquivos" one too); unnamed, the active sending ones.
  const routines = app.store
    .settings()
    .routines.filter((r) => (flags.routine ? r.id === flags.routine : r.active && r.task === 'send_email'));
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
    console.log(
      `${account.id} (${account.host}:${account.port}): ${problem ? `${problem.message}\n  detalhes: ${problem.detail}` : 'conexão OK'}`,
    );
    failed ||= problem !== null;
  }
  return failed ? 1 : 0;
}

/** The real accounts (not the test mode) the command is about. */
function realAccounts(app: App, accountId: string | undefined) {
  const accounts = app.store
    .settings()
    .smtpAccounts.filter((a) => a.id !== TEST_MODE_ACCOUNT_ID && (!accountId || a.id === accountId));
  if (accounts.length === 0)
    throw new UsageError(
      accountId ? `conta não encontrada: ${accountId}` : 'nenhuma conta de e-mail cadastrada',
    );
  return accounts;
}

async function checkDomains(app: App, flags: Flags): Promise<number> {
  const results = [];
  for (const account of realAccounts(app, flags.account))
    results.push({ accountId: account.id, ...(await checkAccountDomain(app, account)) });
  if (flags.json) console.log(JSON.stringify(results, null, 2));
  else for (const r of results) console.log(formatDomainCheck(r.accountId, r));
  return results.every((r) => r.ok) ? 0 : 1;
}

async function readBounces(app: App, accountId: string | undefined): Promise<number> {
  const accounts = realAccounts(app, accountId).filter((a) => a.bounceMailbox);
  if (accounts.length === 0) throw new UsageError('nenhuma conta tem caixa para retornos configurada');
  let failed = false;
  for (const account of accounts) {
    const [status] = await app.bounces.readNow(account.id);
    console.log(`${account.id} (${account.bounceMailbox!.user}): ${status?.message ?? 'não lida'}`);
    failed ||= !status?.ok;
  }
  return failed ? 2 : 0;
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
