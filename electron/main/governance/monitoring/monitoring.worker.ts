import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { type RawDecision, computeMonitoring } from './compute';
import { DECISIONS_SQL, type MonitoringWorkerData, type MonitoringWorkerMessage } from './worker-protocol';

// Runs off the main thread: reading and parsing a large decision log must never stall the console.
const PROGRESS_EVERY = 2000;

function run(data: MonitoringWorkerData): MonitoringWorkerMessage {
  const db = new Database(data.dbPath, { readonly: true, fileMustExist: true });
  try {
    const total = (db.prepare('SELECT count(*) AS n FROM decision WHERE model_version_id = ?').get(data.modelVersionId) as { n: number }).n;
    const rows = db.prepare(DECISIONS_SQL).iterate(data.modelVersionId) as IterableIterator<RawDecision>;
    const output = computeMonitoring(data.plan, rows, (done) => {
      if (done % PROGRESS_EVERY === 0) post({ type: 'progress', done, total });
    });
    return { type: 'done', output };
  } finally {
    db.close();
  }
}

function post(message: MonitoringWorkerMessage): void {
  parentPort?.postMessage(message);
}

try {
  post(run(workerData as MonitoringWorkerData));
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
