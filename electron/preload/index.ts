import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/contract';

// Channel names duplicated from shell/ipc-bridge.ts on purpose: the sandboxed preload bundles only
// shared/ and electron's renderer API, never main-process modules.
const INVOKE_CHANNEL = 'attest:invoke';
const EVENT_CHANNEL = 'attest:event';
const DROP_CHANNEL = 'attest:dropped-path';

// A file dropped on the console: the page never sees file paths (Electron removed File.path), so the preload
// reads the path and hands it to main, which checks it came from our frame and offers it to the Import screen.
// Nothing is added to what the page can call.
window.addEventListener(
  'drop',
  (event) => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    void ipcRenderer.invoke(DROP_CHANNEL, webUtils.getPathForFile(file));
  },
  true,
);
window.addEventListener('dragover', (event) => event.preventDefault(), true);

/** Exposes exactly { invoke, on } to the console; nothing else from Node or Electron leaks through. */
contextBridge.exposeInMainWorld('attest', {
  invoke: (channel: string, request: unknown): Promise<unknown> => {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'bad-request', message: `Unknown channel "${channel}".` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request);
  },
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${event}".`);
    const handler = (_e: Electron.IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
