import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { call } from '../electron/cli/with-main';
import { BATCH_CHUNK } from '../electron/main/replay/batch-replay';
import { releaseSessions } from '../electron/main/replay/sessions';
import { ReplayBatchSummary } from '../shared/schemas/replay';
import { buildLogisticModel } from '../test/support/replay-models';
import { makeReplayWorkspace, scoreRows, seedDecisions, seedModelVersion, seededRandom } from '../test/support/replay-workspace';
import type { BenchResult } from './types';

const FEATURES = Array.from({ length: 12 }, (_, i) => `feature_${String(i + 1).padStart(2, '0')}`);
const DECISIONS = 20_000;
const RULE = { output: 'pd', index: 0, operator: '>=' as const, threshold: 0.5, whenTrue: 'DECLINE', whenFalse: 'APPROVE' };

function dataset(n: number): number[][] {
  const random = seededRandom(11);
  return Array.from({ length: n }, () => FEATURES.map(() => Math.round(random() * 1000) / 100));
}

/** Rows per second of a bare session.run loop over the same model, batch size and rows (prebuilt tensors). */
async function rawThroughput(bytes: Uint8Array, rows: number[][]): Promise<number> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  const batches: Record<string, ort.Tensor>[] = [];
  for (let start = 0; start < rows.length; start += BATCH_CHUNK) {
    const chunk = rows.slice(start, start + BATCH_CHUNK);
    batches.push(Object.fromEntries(FEATURES.map((f, j) => [f, new ort.Tensor('float32', Float32Array.from(chunk.map((r) => r[j] as number)), [chunk.length, 1])])));
  }
  const began = performance.now();
  for (const feeds of batches) await session.run(feeds);
  const seconds = (performance.now() - began) / 1000;
  await session.release();
  return rows.length / seconds;
}

/**
 * Rows per second of a bare loop that replays the logged records: parse each decision's inputs JSON, fill the
 * tensors, session.run — what any harness replaying a decision log must do, without Attest's checks,
 * verdicts, worker or storage.
 */
async function rawFromRecordsThroughput(bytes: Uint8Array, rows: number[][]): Promise<number> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  const logged = rows.map((r) => JSON.stringify(Object.fromEntries(FEATURES.map((f, j) => [f, r[j]]))));
  const began = performance.now();
  for (let start = 0; start < logged.length; start += BATCH_CHUNK) {
    const chunk = logged.slice(start, start + BATCH_CHUNK).map((text) => JSON.parse(text) as Record<string, number>);
    const feeds = Object.fromEntries(FEATURES.map((f) => [f, new ort.Tensor('float32', Float32Array.from(chunk.map((r) => r[f] as number)), [chunk.length, 1])]));
    await session.run(feeds);
  }
  const seconds = (performance.now() - began) / 1000;
  await session.release();
  return rows.length / seconds;
}

/**
 * Replay benchmarks (issue 4): batch replay throughput as a ratio of a raw session.run loop on the same model,
 * rows and batch size, measured in the same run (target ≥ 0.8); warm single-decision replay latency end to
 * end through the dispatcher — database read, artifact hash check, inference, verdict, reason codes, stored
 * and audited (target < 10 ms).
 */
export async function runReplayBench(): Promise<BenchResult[]> {
  const { main, cleanup } = makeReplayWorkspace();
  try {
    const spec = { features: FEATURES, means: FEATURES.map(() => 5), stds: FEATURES.map(() => 3), coef: FEATURES.map((_, i) => (i % 3) - 1 + 0.1 * i), intercept: -0.5 };
    const bytes = buildLogisticModel(spec);
    const rows = dataset(DECISIONS);
    const scores = await scoreRows(bytes, FEATURES, rows, 'pd');
    const ids = seedModelVersion(main, { model: 'bench-pd', version: '1', bytes, rule: RULE, tolerance: { atol: 1e-6, rtol: 1e-5 }, profile: undefined });
    seedDecisions(main, ids, rows.map((row, i) => ({
      uid: `B-${i}`,
      decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      inputs: Object.fromEntries(FEATURES.map((f, j) => [f, row[j] as number])),
      outputs: { pd: [scores[i]] },
      decision: (scores[i] as number) >= 0.5 ? 'DECLINE' : 'APPROVE',
    })));
    const raw = await rawThroughput(bytes, rows);
    const rawRecords = await rawFromRecordsThroughput(bytes, rows);
    const began = performance.now();
    const { jobId } = await call(main, 'replay:batch', { model: 'bench-pd', version: '1' });
    const status = await main.ctx.jobs.wait(jobId);
    const batchSeconds = (performance.now() - began) / 1000;
    const summary = ReplayBatchSummary.parse(status.result);
    const replayed = summary.total / batchSeconds;
    const ratio = replayed / raw;
    await call(main, 'replay:decision', { decisionId: 'B-0' });
    const latencies: number[] = [];
    for (let i = 1; i <= 50; i++) {
      const t = performance.now();
      await call(main, 'replay:decision', { decisionId: `B-${i}` });
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)] as number;
    return [
      { name: `replay: batch throughput vs raw session.run (${DECISIONS} decisions, batch ${BATCH_CHUNK}, end to end incl. storing)`, value: Number(ratio.toFixed(3)), unit: 'ratio', target: '≥ 0.8', pass: ratio >= 0.8 },
      { name: 'replay: batch throughput vs a bare loop replaying the logged records (parse, fill tensors, run)', value: Number((replayed / rawRecords).toFixed(3)), unit: 'ratio', target: '≥ 0.8', pass: replayed / rawRecords >= 0.8 },
      { name: 'replay: batch throughput', value: Math.round(replayed), unit: 'decisions/s' },
      { name: 'replay: raw session.run throughput', value: Math.round(raw), unit: 'rows/s' },
      { name: 'replay: reproduced in the batch', value: summary.reproducedPercent, unit: '%', target: '= 100', pass: summary.reproducedPercent === 100 },
      { name: 'replay: warm single-decision latency (median of 50, end to end)', value: Number(median.toFixed(2)), unit: 'ms', target: '< 10 ms', pass: median < 10 },
    ];
  } finally {
    cleanup();
    await releaseSessions();
  }
}
