// `regua daemon`: the scheduler alone, headless. Catches up missed runs at start, follows settings
// changes made by other processes, and stops cleanly on SIGTERM/SIGINT after the run in progress.
import { formatDateBR } from '../shared/calendar';
import { join } from 'node:path';
import { createFileLogger } from './services/logger';
import { DATA_FILES } from './services/store/store';
import { openApp, type AppOptions } from './services/app';
import { createScheduler } from './services/scheduler';

const SETTINGS_POLL_MS = 5_000;

export async function runDaemon(options: AppOptions): Promise<number> {
  const app = await openApp(options);
  const logFile = createFileLogger(app.dataDir);
  const log = (msg: string) => {
    console.log(`${app.clock.now().toISOString()} ${msg}`);
    logFile.info(msg);
  };
  log(
    `senhas SMTP guardadas em ${join(app.dataDir, DATA_FILES.secrets)}, legível só por este usuário (modo 0600); o aplicativo desktop usa o cofre do sistema`,
  );
  const scheduler = createScheduler(app, {
    onRunFinished: (r) =>
      log(
        r.status === 'skipped'
          ? `rotina ${r.routineId} ${formatDateBR(r.date)}: não executada (${r.reason})`
          : `rotina ${r.routineId} ${formatDateBR(r.date)} (${r.trigger}): ${r.counts.sent} enviado(s), ${r.counts.failed} falha(s), ${r.counts.pending} pendente(s), ${r.counts.skipped} ignorado(s)${r.reason ? ` — ${r.reason}` : ''}`,
      ),
    onRunError: (id, e) => log(`rotina ${id}: erro: ${e.message}`),
    onPrepared: log,
  });
  const printNext = () => {
    for (const { routineId, at } of scheduler.nextRuns())
      log(`próxima execução de ${routineId}: ${at.toISOString()}`);
  };
  log(`regua daemon iniciado (dados em ${app.dataDir}, pid ${process.pid})`);
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal} recebido: encerrando após a execução em andamento`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const poll = setInterval(() => {
    void app.store.reloadIfChanged().then((changed) => {
      if (!changed) return;
      scheduler.reschedule();
      log('configurações alteradas: agenda recarregada');
      printNext();
    });
  }, SETTINGS_POLL_MS);
  await scheduler.start();
  printNext();
  await stopped;
  clearInterval(poll);
  await scheduler.stop();
  await app.close();
  log('regua daemon encerrado');
  return 0;
}
