import { arch, cpus, release, type } from 'node:os';
import * as ort from 'onnxruntime-node';
import type { RuntimeFingerprint } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';

/**
 * The only place ONNX sessions are created. One intra-op thread: replay must give the same numbers on every
 * run, and multi-threaded reductions may sum in a different order from run to run.
 */
export const INTRA_OP_THREADS = 1;
const EXECUTION_PROVIDER = 'cpu';
const MAX_CACHED = 16;

const cache = new Map<string, Promise<ort.InferenceSession>>();

/** A session for these model bytes, cached under `key` (the artifact's SHA-256, or of the rewritten bytes). */
export function sessionFor(key: string, bytes: Uint8Array, label: string): Promise<ort.InferenceSession> {
  const cached = cache.get(key);
  if (cached) {
    // Map order is insertion order: re-inserting keeps recently used sessions at the end, away from eviction.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const created = ort.InferenceSession.create(bytes, {
    intraOpNumThreads: INTRA_OP_THREADS,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    executionProviders: [EXECUTION_PROVIDER],
    // Warnings (old opsets, initializers listed as inputs) go to stderr and would garble CLI output.
    logSeverityLevel: 3,
  }).catch((error: unknown) => {
    cache.delete(key);
    throw loadError(error, label);
  });
  cache.set(key, created);
  evictOldest();
  return created;
}

function evictOldest(): void {
  while (cache.size > MAX_CACHED) {
    const [oldestKey, oldest] = cache.entries().next().value as [string, Promise<ort.InferenceSession>];
    cache.delete(oldestKey);
    void oldest.then((s) => s.release()).catch(() => undefined);
  }
}

/** Release every cached session (tests and workspace close). */
export async function releaseSessions(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  await Promise.all(all.map((p) => p.then((s) => s.release()).catch(() => undefined)));
}

/** Translate onnxruntime's load errors into sentences a person can act on. */
export function loadError(error: unknown, label: string): AttestError {
  const message = error instanceof Error ? error.message : String(error);
  const kernel = /Could not find an implementation for (\S+)\((\d+)\) node/.exec(message);
  if (kernel) {
    return new AttestError(
      'unsupported',
      `${label} cannot be replayed here: it uses the ${kernel[1]} operator at opset ${kernel[2]}, and onnxruntime ${runtimeVersion()} has no kernel for that opset version.`,
      'Re-export the model with a current opset (onnx version converter) and register it as a new model version.',
    );
  }
  if (/locale/i.test(message)) {
    return new AttestError(
      'unsupported',
      `${label} cannot be replayed here: it needs an operating-system locale this machine does not have (${firstLine(message)}).`,
      'Generate the en_US.UTF-8 locale (on Debian: add it to /etc/locale.gen and run locale-gen), then retry.',
    );
  }
  return new AttestError(
    'unsupported',
    `${label} cannot be loaded by onnxruntime ${runtimeVersion()}: ${firstLine(message)}`,
    'Check that the model is a valid ONNX file for a supported opset.',
  );
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/** The onnxruntime version in use. */
export function runtimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}

/** Where and with what replays run: stored with every result so a later difference can be explained. */
export function runtimeFingerprint(): RuntimeFingerprint {
  return {
    onnxruntime: runtimeVersion(),
    executionProvider: EXECUTION_PROVIDER,
    intraOpNumThreads: INTRA_OP_THREADS,
    os: `${type()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
  };
}

/** Build an onnxruntime tensor. */
export function makeTensor(dtype: string, data: ort.Tensor.DataType, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(dtype as ort.Tensor.Type, data, dims);
}

export type { InferenceSession, Tensor } from 'onnxruntime-node';
