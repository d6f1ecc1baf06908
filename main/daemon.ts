// `regua daemon`: the scheduler alone, headless. Resumes missed or interrupted slots at start,
// follows changes made by other processes (the engine re-arms the schedule by itself), and stops
// cleanly on SIGTERM/SIGINT after the run in progress.
import { join } from 'node:path';
import { formatDateBR } from '../shared/calendar';
import { createEngine, type EngineOptions } from './engine';
import { createFileLogger } from './services/logger';
import { DATA_FILES } from './services/store/store';

export async function runDaemon(options: EngineOptions): Promise<number> {
  const engine = await createEngine(options);
  const logFile = createFileLogger(engine.dataDir);
  const log = (msg: string) => {
    console.log(`${engine.clock.now().toISOString()} ${msg}`);
    logFile.info(msg);
  };
  for (const w of engine.warnings) log(`aviso: ${w}`);
  log(
    `senhas SMTP guardadas em ${join(engine.dataDir, DATA_FILES.secrets)}, legível só por este usuário (modo 0600); o aplicativo desktop usa o cofre do sistema`,
  );
  const printNext = () => {
    for (const { routineId, at } of engine.scheduler.nextRuns())
      log(`próxima execução de ${routineId}: ${at.toISOString()}`);
  };
  let armed = '';
  engine.events.subscribe((event) => {
    if (event.name !== 'store.changed' || event.payload.area !== 'settings') return;
    const next = JSON.stringify(engine.scheduler.nextRuns());
    if (next === armed) return;
    armed = next;
    log('configurações alteradas: agenda recarregada');
    printNext();
  });
  log(`regua daemon iniciado (dados em ${engine.dataDir}, pid ${process.pid})`);
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal} recebido: encerrando após a execução em andamento`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await engine.start({
    onRunFinished: (r) =>
      log(
        r.files
          ? `rotina ${r.routineId} (${r.trigger}): ${r.reason ?? ''}${r.files.map((f) => ` — ${f.name}: ${f.summary}`).join('')}`
          : r.status === 'skipped'
            ? `rotina ${r.routineId} ${formatDateBR(r.date)}: não executada (${r.reason})`
            : `rotina ${r.routineId} ${formatDateBR(r.date)} (${r.trigger}): ${r.counts.sent} enviado(s), ${r.counts.failed} falha(s), ${r.counts.pending} pendente(s), ${r.counts.uncertain} incerto(s), ${r.counts.skipped} ignorado(s)${r.reason ? ` — ${r.reason}` : ''}`,
      ),
    onRunError: (id, e) => log(`rotina ${id}: erro: ${e.message}`),
    onPrepared: log,
  });
  armed = JSON.stringify(engine.scheduler.nextRuns());
  printNext();
  await stopped;
  await engine.close();
  log('regua daemon encerrado');
  return 0;
}
