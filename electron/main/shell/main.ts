import { BrowserWindow, app, dialog, shell } from 'electron';
import { join } from 'node:path';
import { recordWorkspaceOpened } from '../governance/audit-events';
import { type Main, createMain } from '../main-context';
import { findConsoleDir } from '../transport/console-dir';
import { consoleDispatch } from '../transport/console-policy';
import type { Dispatch } from '../transport/dispatcher';
import { resolveWorkspaceDir } from '../workspace/paths';
import { registerAppScheme, serveConsole } from './app-protocol';
import { denyAllPermissions, guardWebContents } from './hardening';
import { connectIpc } from './ipc-bridge';
import { chooseImportPath, installMenu } from './menu';
import { electronSqliteBinding } from './native-binding';
import { safeStorageKeychain } from './safe-storage';
import { CONSOLE_ENTRY, consoleWindowOptions } from './security-policy';

/** Electron entry: one window on one workspace; everything else lives in plain-Node modules. */
function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  guardWebContents(app);
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(openConsole, (error: unknown) => fatal(error));
}

function openConsole(): void {
  denyAllPermissions();
  // The window loads the console only once main is open, so its first page is pre-rendered from main's answer.
  let entryDispatch: Dispatch | null = null;
  serveConsole(findConsoleDir(), () => entryDispatch);
  let main: Main;
  // The window exists before main so the dialogs have a parent; it loads the console only once main is ready.
  const window = new BrowserWindow(consoleWindowOptions(join(__dirname, 'preload.cjs')));
  try {
    main = createMain({
      workspaceDir: resolveWorkspaceDir(flagValue('--workspace')),
      create: true,
      lockFor: 'the Attest desktop console',
      desktop: { openPath: openWithSystem, chooseImportPath: () => chooseImportPath(window) },
      nativeBinding: electronSqliteBinding(app.getAppPath(), process.resourcesPath),
      keychain: safeStorageKeychain(),
    });
  } catch (error) {
    fatal(error);
    return;
  }
  entryDispatch = consoleDispatch(main.dispatch);
  recordWorkspaceOpened(main.ctx, { via: 'desktop console', version: app.getVersion() });
  const disconnect = connectIpc(main, window);
  installMenu(window, {
    importPath: (path) => main.ctx.bus.emit('shell:import-requested', { path }),
    openWorkspace: (dir) => {
      app.relaunch({ args: [...process.argv.slice(1).filter((a) => !a.startsWith('--workspace')), `--workspace=${dir}`] });
      app.quit();
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    disconnect();
    main.close();
  });
  void window.loadURL(CONSOLE_ENTRY);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
}

/** shell.openPath answers an error text instead of throwing; turn it into an error. */
async function openWithSystem(path: string): Promise<void> {
  const failure = await shell.openPath(path);
  if (failure) throw new Error(`The system could not open ${path}: ${failure}`);
}

function flagValue(name: string): string | undefined {
  const arg = process.argv.find((a) => a === name || a.startsWith(`${name}=`));
  if (!arg) return undefined;
  return arg.includes('=') ? arg.slice(name.length + 1) : process.argv[process.argv.indexOf(arg) + 1];
}

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Attest cannot start', message);
  app.exit(1);
}

start();
