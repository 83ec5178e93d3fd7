import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ENTRY, consoleWindowOptions } from '../../../electron/main/shell/security-policy';
import { CONSOLE_CSP } from '../../../electron/main/transport/csp';
import { REPO_ROOT } from '../../support/replay-fixtures';

// Static checks for the items of Electron's security checklist (electronjs.org/docs/latest/tutorial/security)
// that the pure policy test (security-policy.test.ts) cannot see: what the shell, the preload and the build say.

function sources(dir: string): { file: string; text: string }[] {
  const root = join(REPO_ROOT, dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|cjs|js|html)$/.test(f))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(root, f), 'utf8') }));
}

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
// Sources and the built shell: a setting esbuild could inline from elsewhere shows up in dist/electron.
const shellAndBuild = [...sources('electron'), ...sources('dist/electron')];
const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean).sort();

describe("Electron's security checklist", () => {
  it.each([
    ['2/4 no Node integration for web content', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['3 context isolation never turned off', /contextIsolation\s*:\s*false/],
    ['4 sandbox never turned off', /sandbox\s*:\s*false|--no-sandbox|no-sandbox/],
    ['6 webSecurity never turned off', /webSecurity\s*:\s*false/],
    ['8 no insecure content', /allowRunningInsecureContent\s*:\s*true/],
    ['9 no experimental features', /experimentalFeatures\s*:\s*true/],
    ['10 no enableBlinkFeatures', /enableBlinkFeatures/],
    ['11 no <webview> or popups', /webviewTag\s*:\s*true|allowpopups/],
    ['14 no shell.openExternal', /openExternal/],
    ['17 no file:// pages', /loadFile\(|file:\/\//],
    ['no remote module', /@electron\/remote|enableRemoteModule/],
  ])('%s', (_item, forbidden) => {
    expect(shellAndBuild.filter((s) => forbidden.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('1 only loads the bundled console from app://, never http(s)', () => {
    const main = read('electron/main/shell/main.ts');
    expect(main.match(/\.loadURL\(([^)]*)\)/g)).toEqual(['.loadURL(CONSOLE_ENTRY)']);
    expect(CONSOLE_ENTRY).toBe('app://console/index.html');
  });

  it('5 answers every permission request and check (with a denial)', () => {
    const hardening = read('electron/main/shell/hardening.ts');
    expect(hardening).toContain('setPermissionRequestHandler');
    expect(hardening).toContain('setPermissionCheckHandler');
    expect(read('electron/main/shell/main.ts')).toMatch(/denyAllPermissions\(\)/);
  });

  it('7 the console page carries the same CSP as the app:// header (frame-ancestors only as a header, where it works)', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('renderer/index.html'))?.[1];
    expect(meta).toBeDefined();
    expect(directives(meta ?? '')).toEqual(directives(CONSOLE_CSP).filter((d) => !d.startsWith('frame-ancestors')));
    expect(read('electron/main/shell/app-protocol.ts')).toMatch(/'content-security-policy': CONSOLE_CSP/);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('7 the built console page declares its CSP before its first script, and every script is its own file', () => {
    const page = read('dist/renderer/index.html');
    const csp = page.indexOf('http-equiv="Content-Security-Policy"');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    expect(csp, 'run `npm run build`').toBeGreaterThan(0);
    // The early-requests script is injected by vite.config.mts: a meta CSP does not cover what comes before it.
    expect(scripts.map((m) => m[1]).some((attrs) => attrs?.includes('early-requests'))).toBe(true);
    for (const script of scripts) {
      expect(script.index).toBeGreaterThan(csp);
      expect(script[1]).toMatch(/\bsrc="\.\/assets\/[\w.-]+\.js"/);
      expect(script[2]).toBe('');
    }
  });

  it('12/13 limits navigation and refuses new windows and webviews in every web contents', () => {
    const hardening = read('electron/main/shell/hardening.ts');
    for (const guard of ["on('will-navigate'", "on('will-redirect'", "on('will-attach-webview'", "setWindowOpenHandler(() => ({ action: 'deny' }))"]) {
      expect(hardening).toContain(guard);
    }
    expect(read('electron/main/shell/main.ts')).toMatch(/guardWebContents\(app\)/);
  });

  it('15 uses a supported Electron (within the three latest majors of this codebase: 43 or newer)', () => {
    const range = (JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';
    expect(Number(/\d+/.exec(range)?.[0])).toBeGreaterThanOrEqual(43);
  });

  it('16 checks the sender frame before dispatching any IPC request, through the console policy', () => {
    const bridge = read('electron/main/shell/ipc-bridge.ts');
    const check = bridge.indexOf('isTrustedSender(event.senderFrame');
    expect(check).toBeGreaterThan(0);
    expect(bridge).toContain('const dispatch = consoleDispatch(main.dispatch);');
    expect(bridge.indexOf('return dispatch(channel, payload)')).toBeGreaterThan(check);
    expect(bridge.match(/main\.dispatch\(/g)).toBeNull();
    expect(shellAndBuild.filter((s) => /ipcMain\.on\(/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('20 the preload exposes only { invoke, on } and no Electron object', () => {
    const preload = read('electron/preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    const exposed = /exposeInMainWorld\('attest', \{([\s\S]*)\}\);\s*$/.exec(preload)?.[1] ?? '';
    expect([...exposed.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1])).toEqual(['invoke', 'on']);
    expect(exposed).not.toMatch(/ipcRenderer\s*[,}]|ipcRenderer:\s|process\.|require\(/);
  });

  it('the window options themselves come from the tested policy', () => {
    expect(read('electron/main/shell/main.ts')).toContain("new BrowserWindow(consoleWindowOptions(join(__dirname, 'preload.cjs')))");
    expect(consoleWindowOptions('p').webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
