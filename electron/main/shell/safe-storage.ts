import { safeStorage } from 'electron';
import { type Keychain, keychainFrom } from '../secrets/keychain';

/** The OS keychain through Electron's safeStorage; call after app 'ready' (Linux picks its backend then). */
export function safeStorageKeychain(): Keychain {
  return keychainFrom({
    platform: process.platform,
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    selectedBackend: () => safeStorage.getSelectedStorageBackend(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  });
}
