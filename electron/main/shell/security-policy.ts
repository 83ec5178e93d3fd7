// Pure parts of the Electron security setup, kept free of runtime 'electron' imports so they are unit-tested in Node.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The privileged scheme the console is served from; nothing else may be loaded. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const CONSOLE_ENTRY = `${APP_ORIGIN}/index.html`;

/** Window options per Electron's security checklist: isolated, sandboxed, no Node, no remote content. */
export function consoleWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Attest',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** May the console frame navigate to `url`? Only within the bundled console; everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Is an IPC message from our own console frame? Checked on every request (sender validation). */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && isAllowedNavigation(frameUrl);
}

/**
 * Permission requests (camera, notifications, geolocation, …): the console needs none, so all are denied.
 * Kept as a function so the decision is tested and documented in one place.
 */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}
