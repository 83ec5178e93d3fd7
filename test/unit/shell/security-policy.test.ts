import { describe, expect, it } from 'vitest';
import {
  CONSOLE_ENTRY,
  consoleWindowOptions,
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedSender,
} from '../../../electron/main/shell/security-policy';

describe('console window options', () => {
  const prefs = consoleWindowOptions('/app/preload.cjs').webPreferences!;

  it('isolates, sandboxes and keeps Node out of the console', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on and insecure content off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

describe('navigation guard', () => {
  it.each([
    [CONSOLE_ENTRY, true],
    ['app://console/index.html#/replay', true],
    ['app://elsewhere/index.html', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:8080/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('trusts IPC only from the console frame', () => {
    expect(isTrustedSender('app://console/index.html')).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(p)).toBe(false);
    }
  });
});
