// The tray icon: what the scheduler is doing, the last result, and the few actions staff need
// without opening the window.
import { Menu, Tray, nativeImage } from 'electron';
import { formatDateBR } from '../../shared/calendar';
import type { RunReport } from '../../shared/records';

export interface TrayState {
  nextRun: Date | null;
  lastRun: RunReport | null;
  running: { done: number; total: number } | null;
  paused: boolean;
  startAtLogin: boolean;
}

export interface TrayActions {
  open(): void;
  runNow(): void;
  togglePause(): void;
  toggleStartAtLogin(): void;
  openDataFolder(): void;
  quit(): void;
}

const when = (d: Date) => `${formatDateBR(d.toISOString().slice(0, 10))} ${d.toTimeString().slice(0, 5)}`;

export function describeLastRun(r: RunReport | null): string {
  if (!r) return 'Última execução: nenhuma';
  if (r.status === 'skipped') return `Última execução: não executada (${r.reason})`;
  const c = r.counts;
  return `Última execução: ${c.sent} enviado(s), ${c.failed} falha(s), ${c.pending} pendente(s)`;
}

export function tooltip(state: TrayState): string {
  if (state.running) return `Régua — enviando ${state.running.done}/${state.running.total}`;
  if (state.paused) return 'Régua — rotinas pausadas';
  return state.nextRun ? `Régua — próxima execução ${when(state.nextRun)}` : 'Régua — nenhuma rotina ativa';
}

export function createTray(icons: { normal: string; alert: string }, actions: TrayActions) {
  const tray = new Tray(nativeImage.createFromPath(icons.normal));
  tray.on('click', actions.open);
  const update = (state: TrayState) => {
    const failed = !!state.lastRun && (state.lastRun.counts.failed > 0 || state.lastRun.status === 'aborted');
    tray.setImage(nativeImage.createFromPath(failed ? icons.alert : icons.normal));
    tray.setToolTip(tooltip(state));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Abrir', click: actions.open },
        { label: 'Executar agora', click: actions.runNow, enabled: !state.running },
        { type: 'separator' },
        {
          label: state.nextRun ? `Próxima execução: ${when(state.nextRun)}` : 'Nenhuma execução agendada',
          enabled: false,
        },
        { label: describeLastRun(state.lastRun), enabled: false },
        { type: 'separator' },
        { label: state.paused ? 'Retomar rotinas' : 'Pausar rotinas', click: actions.togglePause },
        {
          label: 'Iniciar com o sistema',
          type: 'checkbox',
          checked: state.startAtLogin,
          click: actions.toggleStartAtLogin,
        },
        { label: 'Abrir pasta de dados', click: actions.openDataFolder },
        { type: 'separator' },
        { label: 'Sair', click: actions.quit },
      ]),
    );
  };
  return { tray, update };
}
