import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../core/errors';
import { readVerifiedFile } from './artifact-store';
import { type PreparedModel, preparedFor, replayDecisions } from './engine';
import { type WorkerInit, type WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * Batch replay worker: ONNX inference and comparison off the main thread, so the console never stalls.
 * It verifies the artifact hash itself before loading it, then replays chunks of decisions as they arrive.
 */
let model: PreparedModel | null = null;
let init: WorkerInit | null = null;

function reply(message: WorkerReply): void {
  parentPort?.postMessage(message);
}

async function handle(raw: unknown): Promise<void> {
  const message = WorkerRequest.parse(raw);
  if (message.type === 'init') {
    init = message;
    const bytes = readVerifiedFile(message.artifactFile, message.sha256, message.label);
    model = preparedFor(bytes, message.sha256, message.signature, message.label);
    reply({ type: 'ready' });
    return;
  }
  if (!model || !init) throw new Error('chunk before init');
  const outcomes = await replayDecisions(model, message.decisions, init.rule, init.tolerance);
  reply({ type: 'result', seq: message.seq, outcomes });
}

parentPort?.on('message', (raw: unknown) => {
  const seq = typeof raw === 'object' && raw !== null && 'seq' in raw && typeof raw.seq === 'number' ? raw.seq : null;
  handle(raw).catch((error: unknown) => reply({ type: 'error', seq, error: toErrorPayload(error) }));
});
