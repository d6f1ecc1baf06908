// The desktop app: a window with the screens and a scheduler that keeps running in the tray after the
// window closes. Thin glue: every decision lives in the services; this file wires them to Electron.
import { app, BrowserWindow, ipcMain, Notification, safeStorage, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../shared/records';
import { createHandlers } from '../api/index';
import type { DesktopIntegration } from '../api/context';
import { createEngine, type Engine } from '../engine';
import { createFileLogger } from '../services/logger';
import { forwardEvents, registerIpc } from './ipc';
import { preferencesFile, type Preferences } from './preferences';
import { safeStorageCodec } from './secrets';
import { createTray, type TrayState } from './tray';
import { createMainWindow, isOwnUrl, lockDown } from './window';

const asset = (...parts: string[]) => join(app.getAppPath(), 'assets', ...parts);
let window: BrowserWindow | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start);

async function start() {
  const dataDir = process.env.REGUA_DATA_DIR ?? app.getPath('userData');
  const log = createFileLogger(dataDir);
  process.on('uncaughtException', (e) => log.error('erro não tratado', e));
  app.on('web-contents-created', (_e, contents) => lockDown(contents));

  const regua = await createEngine({ dataDir, secretCodec: safeStorageCodec(safeStorage) });
  for (const w of regua.warnings) log.error(`aviso: ${w}`);
  const prefs = preferencesFile(dataDir);
  let preferences = await prefs.read();
  const state: TrayState = {
    nextRun: null,
    lastRun: null,
    running: null,
    paused: false,
    startAtLogin: preferences.startAtLogin,
  };

  const scheduler = regua.scheduler;
  const savePreferences = async (next: Preferences) => {
    preferences = next;
    await prefs.write(next);
    app.setLoginItemSettings({ openAtLogin: next.startAtLogin, args: ['--hidden'] });
    state.startAtLogin = next.startAtLogin;
    refreshTray();
  };
  const desktop: DesktopIntegration = {
    preferences: async () => ({
      startAtLogin: preferences.startAtLogin,
      notifyEveryRun: preferences.notifyEveryRun,
    }),
    savePreferences: async (p) => {
      await savePreferences({ ...preferences, ...p, loginItemDecided: true });
      return { startAtLogin: preferences.startAtLogin, notifyEveryRun: preferences.notifyEveryRun };
    },
    openDataFolder: async () => void (await shell.openPath(dataDir)),
  };
  const handlers = createHandlers({ engine: regua, desktop });
  registerIpc(ipcMain, handlers, (event) => isOwnUrl(event.senderFrame?.url ?? ''));
  forwardEvents(regua.events, (channel, event) => window?.webContents.send(channel, event));

  const showWindow = () => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow(
        fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
        asset('icons', 'icon.png'),
      );
      window.on('close', (event) => {
        if (quitting) return;
        event.preventDefault(); // closing hides to the tray; the scheduler keeps running
        window?.hide();
      });
      window.webContents.on('render-process-gone', (_e, details) => {
        log.error(`a janela parou (${details.reason}); o agendador continua`);
        if (!quitting) window?.reload();
      });
    } else window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  const trayActions = {
    open: showWindow,
    runNow: () => void runAllNow(regua, log),
    togglePause: () => {
      if (scheduler.isPaused()) scheduler.resume();
      else scheduler.pause();
      state.paused = scheduler.isPaused();
      refreshTray();
    },
    toggleStartAtLogin: () =>
      void savePreferences({
        ...preferences,
        startAtLogin: !preferences.startAtLogin,
        loginItemDecided: true,
      }),
    openDataFolder: () => void shell.openPath(dataDir),
    quit: () => app.quit(),
  };
  const { update } = createTray(
    { normal: asset('icons', 'tray.png'), alert: asset('icons', 'tray-alert.png') },
    trayActions,
  );
  // The Playwright test drives the tray's actions, which it cannot click.
  if (process.env.REGUA_E2E === '1') Object.assign(globalThis, { reguaTray: trayActions });
  const refreshTray = () => {
    state.nextRun = scheduler
      .nextRuns()
      .reduce<Date | null>((min, r) => (!min || r.at < min ? r.at : min), null);
    update(state);
  };
  regua.events.subscribe((event) => {
    if (event.name === 'run.progress')
      state.running = { done: event.payload.done, total: event.payload.total };
    if (event.name === 'run.finished') state.running = null;
    // The engine re-arms the schedule by itself, also for changes made by other processes.
    if (event.name === 'store.changed' && event.payload.area === 'settings') void enableLoginItemAfterSetup();
    refreshTray();
  });

  // "Iniciar com o sistema" turns on by itself once the first setup is complete, and only once.
  const enableLoginItemAfterSetup = async () => {
    const s = regua.store.settings();
    const setUp = s.company && s.smtpAccounts.length > 0 && s.routines.length > 0;
    if (setUp && !preferences.loginItemDecided)
      await savePreferences({ ...preferences, startAtLogin: true, loginItemDecided: true });
  };

  function afterRun(report: RunReport) {
    state.lastRun = report;
    refreshTray();
    const failed =
      report.counts.failed +
      report.counts.uncertain +
      (report.status === 'aborted' ? report.counts.pending : 0);
    if ((failed > 0 || preferences.notifyEveryRun) && Notification.isSupported())
      new Notification({
        title: failed > 0 ? 'Régua: envios com falha' : 'Régua: rotina executada',
        body: `${report.routineDescription}: ${report.counts.sent} enviado(s), ${report.counts.failed} falha(s), ${report.counts.pending} pendente(s)${report.reason ? ` — ${report.reason}` : ''}`,
      }).show();
  }

  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    log.info('saindo: aguardando a execução em andamento');
    void regua.close().finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => {
    // stay in the tray
  });

  await regua.start({
    onRunFinished: (report) => afterRun(report),
    onRunError: (id, e) => log.error(`rotina ${id}`, e),
    onPrepared: (message) => log.info(message),
  });
  await enableLoginItemAfterSetup();
  refreshTray();
  if (!process.argv.includes('--hidden')) showWindow();
  log.info(`Régua iniciado (dados em ${dataDir})`);
}

async function runAllNow(regua: Engine, log: ReturnType<typeof createFileLogger>) {
  for (const routine of regua.store.settings().routines.filter((r) => r.active)) {
    try {
      await regua.runner.runRoutine(routine.id, {
        date: regua.today(),
        trigger: 'manual',
        honourCalendar: false,
      });
    } catch (e) {
      log.error(`executar agora: rotina ${routine.id}`, e);
    }
  }
}
