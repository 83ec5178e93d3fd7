import { performance } from 'node:perf_hooks';
import { assemblePack, evidenceFingerprint } from '../electron/main/packs/evidence/assemble';
import { renderPackPdf } from '../electron/main/packs/pdf/render';
import { readPackSource } from '../electron/main/packs/store/read-source';
import { saveNarrative } from '../electron/main/packs/store/narrative-repo';
import { countPdfPages } from '../electron/main/packs/pdf/page-count';
import {
  addDecisions, addModel, addReplay, addRun, addSnapshot, createPacksWorkspace, fixedMonitoring, monitoringSeries,
} from '../test/support/packs-workspace';
import type { DatasetProfile } from '../shared/schemas/bundle';
import type { BenchResult } from './types';

const FEATURES = Array.from({ length: 18 }, (_, i) => `feature_${String(i + 1).padStart(2, '0')}`);
const RULE = { output: 'prob', index: 1, operator: '>=' as const, threshold: 0.3, whenTrue: 'decline', whenFalse: 'approve' };

function largeProfile(): DatasetProfile {
  const numeric = { kind: 'numeric' as const, mean: 10, std: 2, min: 0, max: 20, missing: 3, binEdges: [5, 10, 15], binCounts: [100, 400, 400, 100] };
  return {
    format: 'attest-profile/1',
    rowCount: 250_000,
    features: Object.fromEntries(FEATURES.map((f) => [f, numeric])),
    score: { kind: 'numeric', mean: 0.2, std: 0.1, min: 0, max: 1, missing: 0, binEdges: [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7], binCounts: [50, 80, 90, 80, 70, 50, 40, 30, 10] },
  };
}

/**
 * Time to generate Pack A for a large model: 18 monitored features over 36 months (21 charts), 20 000
 * logged decisions, narratives for every section that takes one. Target < 2 s (issue 5).
 */
export async function runPacksBench(): Promise<BenchResult[]> {
  const ws = createPacksWorkspace();
  try {
    const snap = addSnapshot(ws.db, '2025-01-01T00:00:00.000Z');
    addRun(ws.db, 'run-big', snap, '2024-12-01T00:00:00.000Z', largeProfile());
    const v = addModel(ws.db, { name: 'retail-pd-large', version: '7', snapshotId: snap, at: '2025-01-01T00:00:00.000Z', runId: 'run-big', decisionRule: RULE, tolerance: { atol: 1e-6, rtol: 0 } });
    addDecisions(ws.db, v, snap, '2025-01-02T00:00:00.000Z', 20_000);
    addReplay(ws.db, v, `dec-${v}-1`, '2027-12-01T00:00:00.000Z', 'f'.repeat(64));
    const actor = { user: 'bench', displayName: 'Bench Officer' };
    for (const key of ['intended_purpose', 'design_rationale', 'risk_register', 'pmm_plan', 'known_limitations']) {
      saveNarrative(ws.db, { model: 'retail-pd-large', version: '7', subject: '', key, role: 'Model Owner', text: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40), notApplicable: false, doc: null }, actor, '2027-12-02T00:00:00.000Z');
    }
    const monitoring = fixedMonitoring(monitoringSeries(FEATURES, 36), []);
    const generator = { user: 'bench', displayName: 'Bench', role: 'Compliance', consoleVersion: 'bench', host: 'bench' };
    const start = performance.now();
    const evidence = assemblePack(readPackSource(ws.db, { kind: 'eu-ai-act', model: 'retail-pd-large', version: '7' }, monitoring), 'eu-ai-act', generator);
    const pdf = await renderPackPdf(evidence, evidenceFingerprint(evidence));
    const ms = performance.now() - start;
    const charts = evidence.sections.flatMap((s) => s.items).filter((i) => i.kind === 'chart').length;
    return [
      { name: 'packs: Pack A generation, large model (read + assemble + render)', value: Math.round(ms), unit: 'ms', target: '< 2000 ms', pass: ms < 2000 },
      { name: 'packs: Pack A pages', value: countPdfPages(pdf), unit: 'pages' },
      { name: 'packs: Pack A charts', value: charts, unit: 'charts' },
    ];
  } finally {
    ws.cleanup();
  }
}
