import { protocol } from 'electron';
import { CONSOLE_CSP } from '../transport/csp';
import { readStaticFile } from '../transport/static-files';
import { APP_HOST, APP_SCHEME } from './security-policy';

/**
 * Must run before app 'ready': app:// behaves like a secure origin with its own 'self'. `codeCache` lets V8 keep
 * the console's compiled scripts between launches (Electron ≥ 28, standard schemes only), as Chromium does for
 * cached http(s) scripts: from the second launch on, React DOM and the console are not compiled again.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, codeCache: true } },
  ]);
}

/** Serve the built console from `consoleDir` on app://console/, with the strict CSP as a header too. */
export function serveConsole(consoleDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? readStaticFile(consoleDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.mediaType,
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
