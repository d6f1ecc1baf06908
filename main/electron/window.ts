// The window with the screens, locked down as the Electron security checklist asks: isolated,
// sandboxed, no Node in the page, no navigation away, no new windows, no remote content.
import { BrowserWindow, app, type WebContents } from 'electron';
import { join } from 'node:path';

export const DEV_SERVER_URL = process.env.VITE_DEV_SERVER_URL;

export function rendererEntry(): string {
  return DEV_SERVER_URL ?? `file://${join(app.getAppPath(), 'dist', 'renderer', 'index.html')}`;
}

/** Only our own pages may talk to main. */
export function isOwnUrl(url: string): boolean {
  const entry = rendererEntry();
  return DEV_SERVER_URL
    ? url.startsWith(DEV_SERVER_URL)
    : url.startsWith(entry.slice(0, entry.lastIndexOf('/') + 1));
}

export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(preloadPath: string, iconPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Régua',
    icon: iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererEntry());
  return window;
}
