import { resolve } from 'node:path';
import type { BundleContent } from '../../electron/main/sync/bundle-writer';
import { sha256Hex } from '../../electron/main/core/hashing';

/** The shared fixtures folder (../shared/fixtures from the repo root), found relative to this file. */
export function sharedFixturesDir(...parts: string[]): string {
  return resolve(__dirname, '../../../shared/fixtures', ...parts);
}

/** Bytes standing in for an ONNX file in bundle tests (the sync code treats artifacts as opaque). */
export const SAMPLE_ARTIFACT = new TextEncoder().encode('not really onnx, but bytes with a hash');
export const SAMPLE_ARTIFACT_SHA = sha256Hex(SAMPLE_ARTIFACT);

export interface SampleOptions {
  observedAt?: string;
  sequence?: number;
  scope?: BundleContent['scope'];
  /** Alias "champion" points at this version. */
  champion?: string;
  versions?: string[];
  riskTier?: string;
  decisions?: number;
  auc?: number;
  /** Stage per version (default Production). */
  stages?: Record<string, string>;
  datasetDigest?: string;
  lineageJob?: string;
}

/** A small but complete bundle: one model, its versions, a run, lineage events, decisions and outcomes. */
export function sampleBundleContent(options: SampleOptions = {}): BundleContent {
  const observedAt = options.observedAt ?? '2026-01-10T12:00:00.000Z';
  const versions = options.versions ?? ['1', '2'];
  const decisions = options.decisions ?? 3;
  return {
    observedAt,
    sequence: options.sequence ?? 1,
    scope: options.scope ?? 'full',
    sources: { registry: 'https://mlflow.bank.example', lineage: 'https://marquez.bank.example' },
    members: [
      {
        path: 'registry/registered-models.jsonl',
        kind: 'registered-models',
        records: [
          {
            name: 'credit-pd',
            createdAt: '2025-06-01T00:00:00.000Z',
            tags: { 'attest.owner': 'risk-models@bank', 'attest.risk_tier': options.riskTier ?? 'high', use_case: 'retail credit' },
            aliases: { champion: options.champion ?? versions[0] ?? '1' },
          },
        ],
      },
      {
        path: 'registry/model-versions.jsonl',
        kind: 'model-versions',
        records: versions.map((version) => ({
          model: 'credit-pd',
          version,
          createdAt: `2025-0${Math.min(9, Number(version) + 5)}-01T00:00:00.000Z`,
          stage: options.stages?.[version] ?? 'Production',
          runId: 'run-abc',
          artifact: { sha256: SAMPLE_ARTIFACT_SHA, size: SAMPLE_ARTIFACT.length, mediaType: 'application/onnx' },
        })),
      },
      {
        path: 'registry/runs.jsonl',
        kind: 'runs',
        records: [
          {
            runId: 'run-abc',
            experimentId: '7',
            params: { max_depth: '6' },
            metrics: [{ key: 'auc', value: options.auc ?? 0.81, timestamp: options.auc === undefined ? '2025-06-01T00:00:00.000Z' : observedAt, step: 0 }],
            tags: { 'mlflow.user': 'ana' },
            datasetInputs: [{ dataset: { name: 'loans-2024', digest: options.datasetDigest ?? 'd1g35t' }, tags: { 'mlflow.data.context': 'training' } }],
          },
        ],
      },
      {
        path: 'lineage/openlineage-events.jsonl',
        kind: 'openlineage-events',
        records: [
          {
            eventType: 'COMPLETE',
            eventTime: options.lineageJob ? observedAt : '2025-05-31T23:00:00.000Z',
            producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/spark',
            schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
            run: {
              runId: '0190a4d2-7b1e-7c3a-9d55-0123456789ab',
              facets: { custom_x: { answer: 42 }, tags: { _producer: 'https://example.com', _schemaURL: 'https://example.com/s', tags: [{ key: 'mlflow.run_id', value: 'run-abc' }] } },
            },
            job: { namespace: 'spark', name: options.lineageJob ?? 'build_features' },
            inputs: [{ namespace: 's3://raw', name: 'loans' }],
            outputs: [{ namespace: 's3://features', name: 'loans-2024' }],
          },
        ],
      },
      {
        path: 'decisions/decisions.jsonl',
        kind: 'decisions',
        records: Array.from({ length: decisions }, (_, i) => ({
          decisionId: `d-${i}`,
          model: 'credit-pd',
          version: versions[0] ?? '1',
          decidedAt: '2025-12-01T10:00:00.000Z',
          inputs: { income: 1000 + i, region: 'north' },
          outputs: { probabilities: [0.7, 0.3] },
          decision: 'approve',
          attributes: { age_band: '30-40' },
        })),
      },
      { path: 'decisions/outcomes.jsonl', kind: 'outcomes', records: [{ decisionId: 'd-0', outcome: 'repaid', observedAt: '2026-01-01T00:00:00.000Z' }] },
      { path: `artifacts/${SAMPLE_ARTIFACT_SHA}`, kind: 'artifact', bytes: SAMPLE_ARTIFACT },
    ],
  };
}
