import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';

// DER prefixes of Ed25519 keys: PKCS#8 wrapping a 32-byte seed, and SPKI wrapping a 32-byte public key.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A fresh Ed25519 key pair for signing bundles. */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** The Ed25519 private key whose seed is `seed` (32 bytes); deterministic, so the demo key can be derived. */
export function signingKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) {
    throw new AttestError('bad-input', `An Ed25519 seed is 32 bytes; this one is ${seed.length}.`, 'Pass exactly 32 bytes.');
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The public half of a key (a public key is returned as is). */
export function publicKeyOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

/** The SPKI PEM text of a key's public half (what `attest keys trust` reads). */
export function publicKeyPem(key: KeyObject): string {
  return publicKeyOf(key).export({ format: 'pem', type: 'spki' }).toString();
}

/** The PKCS#8 PEM text of a private key (what `attest bundle create --sign` reads). */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = publicKeyOf(key).export({ format: 'der', type: 'spki' });
  if (der.length !== SPKI_ED25519_PREFIX.length + 32 || !der.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) {
    throw new AttestError('bad-input', 'The key is not an Ed25519 key.', 'Bundles are signed with Ed25519 keys from `attest keys generate`.');
  }
  return der.subarray(SPKI_ED25519_PREFIX.length);
}

/** A key's id: the first 16 hex digits of the SHA-256 of its raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(rawPublicKey(publicKey)).slice(0, 16);
}

/** Parse a PEM public key (SPKI), refusing anything that is not Ed25519. */
export function parsePublicKeyPem(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new AttestError('bad-input', `${where} is not a PEM public key.`, 'Pass the .pub.pem file written by `attest keys generate`.');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AttestError('bad-input', `${where} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519.`, 'Bundles are signed with Ed25519 keys.');
  }
  return key;
}

/** Parse a PEM private key (PKCS#8), refusing anything that is not Ed25519. */
export function parsePrivateKeyPem(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new AttestError('bad-input', `${where} is not a PEM private key.`, 'Pass the .key.pem file written by `attest keys generate`.');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AttestError('bad-input', `${where} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519.`, 'Bundles are signed with Ed25519 keys.');
  }
  return key;
}

/** Ed25519 signature of `data` (deterministic: the same key and data give the same signature). */
export function signBytes(privateKey: KeyObject, data: Uint8Array): Buffer {
  return sign(null, data, privateKey);
}

/** Whether `signature` is a valid Ed25519 signature of `data` by `publicKey`. */
export function verifyBytes(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
