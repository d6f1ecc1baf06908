// What can be proved about the desktop shell without the Electron binary: every contract method is
// registered on ipcMain and validated; the preload exposes exactly the contract; only main/electron
// imports electron.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ApiResult } from '../../shared/api';
import { createHandlers } from '../../main/api/index';
import { callChannel, EVENT_CHANNEL } from '../../main/electron/channels';
import { forwardEvents, registerIpc } from '../../main/electron/ipc';
import { createEngine, type Engine } from '../../main/engine';
import { tempDir } from '../support/documents';

const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      invoked.push([channel, input]);
      return { ok: true, value: null };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

let app: Engine;
type Handler = (event: { senderFrame: { url: string } }, input: unknown) => Promise<ApiResult<unknown>>;
const channels = new Map<string, Handler>();
const fromOwnPage = { senderFrame: { url: 'file:///app/dist/renderer/index.html' } };

beforeAll(async () => {
  app = await createEngine({ dataDir: await tempDir() });
  const handlers = createHandlers({ engine: app });
  const fakeIpcMain = { handle: (channel: string, handler: Handler) => void channels.set(channel, handler) };
  registerIpc(
    fakeIpcMain as never,
    handlers,
    (event) => event.senderFrame?.url.startsWith('file:///app/') ?? false,
  );
});
afterAll(async () => {
  await app.close();
});

describe('IPC registration', () => {
  it('registers one channel per contract method, and nothing else', () => {
    expect([...channels.keys()].sort()).toEqual(METHOD_NAMES.map(callChannel).sort());
  });

  it('validates input with the contract schema before a handler runs', async () => {
    const result = await channels.get(callChannel('company.save'))!(fromOwnPage, { name: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('validation');
      expect(result.error.fieldErrors?.name).toMatch(/informe o nome da empresa/);
    }
  });

  it('answers a valid call through the handler map', async () => {
    const result = await channels.get(callChannel('desktop.preferences'))!(fromOwnPage, {});
    expect(result).toEqual({
      ok: true,
      value: { available: false, startAtLogin: false, notifyEveryRun: false },
    });
  });

  it('refuses calls from a frame that is not our own page', async () => {
    const result = await channels.get(callChannel('company.get'))!(
      { senderFrame: { url: 'https://evil.example/' } },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forwards main events to the window channel', () => {
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(app.events, (channel, event) => sent.push([channel, event]));
    app.events.emit('store.changed', { area: 'settings' });
    stop();
    app.events.emit('store.changed', { area: 'records' });
    expect(sent).toEqual([[EVENT_CHANNEL, { name: 'store.changed', payload: { area: 'settings' } }]]);
  });
});

describe('the preload', () => {
  it('exposes exactly the contract: one function per method plus onEvent, each on its own channel', async () => {
    await import('../../main/electron/preload');
    expect(Object.keys(exposed)).toEqual(['regua']);
    const bridge = exposed.regua as {
      api: Record<string, (input: unknown) => Promise<unknown>>;
      onEvent: unknown;
    };
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent']);
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    await bridge.api['rules.remove']!({ billingMethodId: 'b', ruleId: 'r' });
    expect(invoked).toEqual([[callChannel('rules.remove'), { billingMethodId: 'b', ruleId: 'r' }]]);
  });
});

describe('where electron may be imported', () => {
  it('only files under main/electron import electron (tests and the headless daemon cannot load it)', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.js', '*.mjs'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((f) => f && !f.startsWith('test/') && !f.startsWith('scripts/'));
    const offenders = files.filter(
      (f) =>
        !f.startsWith('main/electron/') &&
        /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(f, 'utf8')),
    );
    expect(files.length).toBeGreaterThan(40);
    expect(offenders).toEqual([]);
  });
});
