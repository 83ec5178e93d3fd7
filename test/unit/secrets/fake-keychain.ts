import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Keychain } from '../../../electron/main/secrets/keychain';

/**
 * A stand-in for the OS keychain (no Electron here): AES-256-GCM under a key derived from `name`, so a keychain
 * with another name cannot open what this one sealed, as with another OS account.
 */
export function fakeKeychain(name = 'test-keychain'): Keychain {
  const key = createHash('sha256').update(name).digest();
  return {
    available: true,
    encryptor: {
      backend: 'fake-keychain',
      encrypt: (plain) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return Buffer.concat([iv, cipher.getAuthTag(), body]);
      },
      decrypt: (sealed) => {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(12, 28));
        return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      },
    },
  };
}
