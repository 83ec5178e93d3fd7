import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../core/errors';
import { readVerifiedFile } from './artifact-store';
import { type PreparedModel, type ReplayInput, preparedFor, replayDecisions, sessionOf } from './engine';
import { openDatabase } from '../store/connection';
import { readLoggedDecisions } from '../store/logged-decision-rows';
import { parseLoggedInputs, parseLoggedOutputs } from './logged-record';
import { type ChunkOutcomes, type WorkerChunk, type WorkerInit, type WorkerReply, WorkerRequest, encodeOutcomes, isWorkerChunk, transferablesOf } from './worker-protocol';

/**
 * Batch replay worker: parsing the logged records, ONNX inference and comparison off the main thread, so the
 * console never stalls and the main thread's SQLite work overlaps with inference. It verifies the artifact
 * hash itself before loading it, then replays chunks of decisions as they arrive.
 */
let model: PreparedModel | null = null;
let init: WorkerInit | null = null;
let db: Database.Database | null = null;

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function replayChunk(prepared: PreparedModel, settings: WorkerInit, connection: Database.Database, chunk: WorkerChunk): Promise<ChunkOutcomes> {
  const logged = readLoggedDecisions(connection, chunk.ids);
  if (logged.ids.length !== chunk.ids.length) throw new Error(`chunk ${chunk.seq}: ${chunk.ids.length - logged.ids.length} of its decisions are no longer in the workspace`);
  const decisions: ReplayInput[] = logged.uids.map((uid, i) => ({
    uid,
    inputs: parseLoggedInputs(logged.inputs[i] as string, uid),
    outputs: parseLoggedOutputs(logged.outputs[i] as string, uid),
    decision: logged.decisions[i] ?? null,
  }));
  return encodeOutcomes(logged.ids, await replayDecisions(prepared, decisions, settings.rule, settings.tolerance));
}

async function handle(raw: unknown): Promise<void> {
  // Chunks arrive by the thousand: a plain type test first, zod for anything it does not accept.
  const message = isWorkerChunk(raw) ? raw : WorkerRequest.parse(raw);
  if (message.type === 'init') {
    init = message;
    // A reused thread keeps its connection only for the same database.
    if (db && db.name !== message.database.file) {
      db.close();
      db = null;
    }
    db ??= openDatabase(message.database.file, { readonly: true, ...(message.database.nativeBinding ? { nativeBinding: message.database.nativeBinding } : {}) });
    const bytes = readVerifiedFile(message.artifactFile, message.sha256, message.label);
    model = preparedFor(bytes, message.sha256, message.signature, message.label);
    // Create the session now: this overlaps with the main thread reading the decisions.
    await sessionOf(model);
    reply({ type: 'ready' });
    return;
  }
  if (!model || !init || !db) throw new Error('chunk before init');
  const outcomes = await replayChunk(model, init, db, message);
  reply({ type: 'result', seq: message.seq, outcomes }, transferablesOf(outcomes));
}

// The job posts the next chunk before the previous one is back (so that messaging and the main thread's work
// overlap with inference); chunks still run one at a time, in order, on the one session.
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (raw: unknown) => {
  const seq = typeof raw === 'object' && raw !== null && 'seq' in raw && typeof raw.seq === 'number' ? raw.seq : null;
  queue = queue.then(() => handle(raw)).catch((error: unknown) => reply({ type: 'error', seq, error: toErrorPayload(error) }));
});
