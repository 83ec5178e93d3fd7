/**
 * The OS keychain as Attest sees it: something that encrypts a secret so only this OS user on this machine can
 * decrypt it. The Electron shell supplies one backed by `safeStorage`; plain Node (the CLI, `attest serve`) has
 * none, so there secrets come from the environment only.
 */
export interface Encryptor {
  /** The keychain behind it, as shown to the user ("gnome_libsecret", "macOS Keychain", "Windows DPAPI"). */
  readonly backend: string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/** A usable keychain, or the sentence saying why there is none here. */
export type Keychain = { available: true; encryptor: Encryptor } | { available: false; reason: string };

/** What Electron's safeStorage reports; passed in so the decision is plain Node and tested. */
export interface KeychainProbe {
  platform: NodeJS.Platform;
  isEncryptionAvailable(): boolean;
  /** Linux only: Electron's `getSelectedStorageBackend()`. */
  selectedBackend(): string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

const ENV_ADVICE =
  'Set ATTEST_MLFLOW_TOKEN (or ATTEST_MLFLOW_USERNAME and ATTEST_MLFLOW_PASSWORD) in the environment instead.';

/** Where no keychain exists at all: the command line and the browser console of `attest serve`. */
export const NO_KEYCHAIN: Keychain = {
  available: false,
  reason: `No OS keychain is available here: the command line and the browser console (attest serve) run without the desktop app, so Attest cannot store secrets. ${ENV_ADVICE} Or save the token (or username and password) in the desktop app.`,
};

const PLATFORM_BACKEND: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS Keychain',
  win32: 'Windows DPAPI',
};

/**
 * Decide whether safeStorage is a real keychain. On Linux, Electron falls back to 'basic_text' (a fixed,
 * hard-coded key) when no secret service runs: that only obfuscates, so it is refused like no keychain.
 */
export function keychainFrom(probe: KeychainProbe): Keychain {
  if (!probe.isEncryptionAvailable()) {
    return {
      available: false,
      reason: `The operating system offers no keychain to Attest, so it cannot store secrets. ${ENV_ADVICE}`,
    };
  }
  let backend = PLATFORM_BACKEND[probe.platform] ?? probe.platform;
  if (probe.platform === 'linux') {
    backend = probe.selectedBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        available: false,
        reason: `No keychain is running (Electron's storage backend is "${backend}", which hides secrets with a fixed key and is not a keychain), so Attest refuses to store secrets. Start a secret service (GNOME Keyring, KWallet) and restart Attest, or: ${ENV_ADVICE}`,
      };
    }
  }
  return {
    available: true,
    encryptor: { backend, encrypt: (s) => probe.encrypt(s), decrypt: (b) => probe.decrypt(b) },
  };
}
