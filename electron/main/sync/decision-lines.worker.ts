import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../core/errors';
import { DecisionChunkEncoder } from './decision-lines';
import { type DecisionLinesReply, DecisionLinesRequest, DecisionLinesWorkerData } from './decision-lines-protocol';

/**
 * Decision-lines worker: decodes, splits, parses, checks and encodes pieces of one decisions member while the
 * main thread inserts the rows of earlier ones. Each piece holds whole lines and says how many lines come before
 * it, so pieces need no state from the ones before and may go to any worker. It never opens the database: model
 * versions are resolved on the main thread, inside the import's transaction.
 */
const { where } = DecisionLinesWorkerData.parse(workerData);
const encoder = new DecisionChunkEncoder(where);

parentPort?.on('message', (raw: unknown) => {
  const request = DecisionLinesRequest.safeParse(raw);
  let reply: DecisionLinesReply;
  if (request.success) {
    const { seq, bytes, length, linesBefore, spare } = request.data;
    if (spare) encoder.giveBack(spare);
    // The piece is decoded to strings before encode returns, so its buffer can go back at once.
    reply = { seq, input: bytes, ...encoder.encode(new Uint8Array(bytes, 0, length), linesBefore) };
  } else {
    // Only a bug lands here (the encoder turns refusals into payloads); the main thread fails the import.
    const error = toErrorPayload(new Error(`a malformed message reached the decision-lines worker: ${request.error.message}`));
    reply = { seq: -1, input: null, rowsJson: new Uint8Array(), count: 0, versions: [], error };
  }
  parentPort?.postMessage(reply, reply.input ? [reply.rowsJson.buffer, reply.input] : [reply.rowsJson.buffer]);
});
