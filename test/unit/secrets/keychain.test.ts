import { describe, expect, it } from 'vitest';
import { type KeychainProbe, keychainFrom } from '../../../electron/main/secrets/keychain';

const probe = (
  platform: NodeJS.Platform,
  available: boolean,
  backend = 'gnome_libsecret',
): KeychainProbe => ({
  platform,
  isEncryptionAvailable: () => available,
  selectedBackend: () => backend,
  encrypt: (s) => Buffer.from(s).reverse(),
  decrypt: (b) => Buffer.from(b).reverse().toString(),
});

describe('the OS keychain behind safeStorage', () => {
  it('is used where the OS offers one, named by its backend', () => {
    for (const [platform, backend, shown] of [
      ['linux', 'gnome_libsecret', 'gnome_libsecret'],
      ['linux', 'kwallet6', 'kwallet6'],
      ['darwin', 'unused', 'macOS Keychain'],
      ['win32', 'unused', 'Windows DPAPI'],
    ] as const) {
      const keychain = keychainFrom(probe(platform, true, backend));
      expect(keychain.available && keychain.encryptor.backend).toBe(shown);
      if (keychain.available) expect(keychain.encryptor.decrypt(keychain.encryptor.encrypt('x1'))).toBe('x1');
    }
  });

  it("refuses Linux's basic_text fallback (a fixed key, not a keychain) and an unknown backend, saying why", () => {
    for (const backend of ['basic_text', 'unknown']) {
      const keychain = keychainFrom(probe('linux', true, backend));
      expect(keychain.available).toBe(false);
      if (!keychain.available) {
        expect(keychain.reason).toContain(`"${backend}"`);
        expect(keychain.reason).toMatch(/not a keychain/);
        expect(keychain.reason).toMatch(/ATTEST_MLFLOW_TOKEN/);
      }
    }
  });

  it('refuses when encryption is not available at all', () => {
    const keychain = keychainFrom(probe('darwin', false));
    expect(keychain).toEqual({
      available: false,
      reason: expect.stringMatching(/offers no keychain/) as unknown,
    });
  });
});
