import { protocol } from 'electron';
import { isConsoleEntryPath, prerenderConsoleEntry } from '../transport/console-entry';
import { CONSOLE_CSP } from '../transport/csp';
import type { Dispatch } from '../transport/dispatcher';
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

/**
 * Serve the built console from `consoleDir` on app://console/, with the strict CSP as a header too. The entry
 * page comes with the Inventory pre-rendered from `entryDispatch()` (transport/console-entry.ts) once main is open.
 */
export function serveConsole(consoleDir: string, entryDispatch: () => Dispatch | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? readStaticFile(consoleDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const dispatch = isConsoleEntryPath(url.pathname) ? entryDispatch() : null;
    const body = dispatch
      ? await prerenderConsoleEntry(file.body, dispatch, (error) => console.error(`Attest: the console's first page is served without its rows pre-rendered: ${error.message}`))
      : file.body;
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': file.mediaType,
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
