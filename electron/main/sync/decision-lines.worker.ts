import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../core/errors';
import { DecisionChunkEncoder } from './decision-lines';
import { type DecisionLinesReply, DecisionLinesRequest, DecisionLinesWorkerData } from './decision-lines-protocol';

/**
 * Decision-lines worker: decodes, splits, parses, checks and encodes one decisions member's chunks while the
 * main thread inserts the rows of earlier ones. Messages are handled one at a time, in the order they were
 * posted, which is the member's order. It never opens the database: model versions are resolved on the main
 * thread, inside the import's transaction.
 */
const { where } = DecisionLinesWorkerData.parse(workerData);
const encoder = new DecisionChunkEncoder(where);

parentPort?.on('message', (raw: unknown) => {
  const request = DecisionLinesRequest.safeParse(raw);
  let reply: DecisionLinesReply;
  if (request.success) {
    const { data } = request;
    if (data.type === 'chunk' && data.spare) encoder.giveBack(data.spare);
    reply = { seq: data.seq, ...(data.type === 'chunk' ? encoder.push(new Uint8Array(data.bytes)) : encoder.end()) };
  } else {
    // Only a bug lands here (the encoder turns refusals into payloads); the main thread fails the import.
    const error = toErrorPayload(new Error(`a malformed message reached the decision-lines worker: ${request.error.message}`));
    reply = { seq: -1, rowsJson: new Uint8Array(), count: 0, versions: [], bytes: 0, error };
  }
  parentPort?.postMessage(reply, [reply.rowsJson.buffer]);
});
