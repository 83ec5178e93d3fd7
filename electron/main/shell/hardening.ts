import { type App, type WebContents, session } from 'electron';
import { isAllowedNavigation, isPermissionGranted } from './security-policy';

/** Deny every permission request and check; the console needs none. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  // No remote content: any request that is not for the bundled console is cancelled.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedNavigation(details.url) && !details.url.startsWith('devtools://') });
  });
}

/** Block navigation away from the console, new windows and <webview> in every web contents. */
export function guardWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // The console is offline and single-window: no pop-ups, no links handed to other programs.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
