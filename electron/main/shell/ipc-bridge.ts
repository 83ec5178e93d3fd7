import { type BrowserWindow, ipcMain } from 'electron';
import type { Main } from '../main-context';
import { consoleDispatch } from '../transport/console-policy';
import { isTrustedSender } from './security-policy';

export const INVOKE_CHANNEL = 'attest:invoke';
export const EVENT_CHANNEL = 'attest:event';
export const DROP_CHANNEL = 'attest:dropped-path';

/**
 * Electron IPC transport: every request is checked to come from our console frame, then goes through the
 * same dispatcher (validation both ways) as the loopback transport and the CLI.
 */
export function connectIpc(main: Main, window: BrowserWindow): () => void {
  const dispatch = consoleDispatch(main.dispatch);
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'bad-request', message: 'Request refused: it did not come from the Attest console.' } };
    }
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'bad-request', message: 'Request refused: the channel name must be a string.' } };
    }
    return dispatch(channel, payload);
  });
  // A file dropped on the window, its path read by the preload: offered to the Import screen, never imported here.
  ipcMain.handle(DROP_CHANNEL, (event, path: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || typeof path !== 'string' || path === '') return false;
    main.ctx.bus.emit('shell:import-requested', { path });
    return true;
  });
  const unsubscribe = main.ctx.bus.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
    ipcMain.removeHandler(DROP_CHANNEL);
  };
}
