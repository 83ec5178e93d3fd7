import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackEvidence, type PackEvidence as Evidence, type Gap } from '../../../shared/schemas/pack';
import { assemblePack, evidenceFingerprint, type Generator } from '../../../electron/main/packs/evidence/assemble';
import { readPackSource } from '../../../electron/main/packs/store/read-source';
import { saveNarrative } from '../../../electron/main/packs/store/narrative-repo';
import {
  type PacksWorkspace, addAttestation, addDecisions, addModel, addReplay, addRun, addSnapshot, createPacksWorkspace,
  fixedMonitoring, monitoringSeries, smallProfile,
} from '../../support/packs-workspace';

const GEN: Generator = { user: 'tester', displayName: 'Test Er', role: 'Compliance', consoleVersion: '0.1.0', host: 'test-host' };
const ACTOR = { user: 'officer', displayName: 'Zoë Åberg' };
const RULE = { output: 'prob', index: 1, operator: '>=' as const, threshold: 0.3, whenTrue: 'decline', whenFalse: 'approve' };

function gapsOf(e: Evidence, section: string): Gap[] {
  return e.sections.find((s) => s.id === section)?.items.flatMap((i) => (i.kind === 'gap' ? [i.gap] : [])) ?? [];
}

describe('pack evidence assembly', () => {
  let ws: PacksWorkspace;
  beforeEach(() => {
    ws = createPacksWorkspace();
    const snap = addSnapshot(ws.db, '2025-01-01T00:00:00.000Z');
    addRun(ws.db, 'run-1', snap, '2024-12-01T00:00:00.000Z', smallProfile());
    const v = addModel(ws.db, { name: 'credit-pd', version: '3', snapshotId: snap, at: '2025-01-01T00:00:00.000Z', runId: 'run-1', decisionRule: RULE, tolerance: { atol: 1e-6, rtol: 0 } });
    addDecisions(ws.db, v, snap, '2025-01-02T00:00:00.000Z', 50);
    addReplay(ws.db, v, `dec-${v}-3`, '2025-02-01T00:00:00.000Z', 'f'.repeat(64));
  });
  afterEach(() => ws.cleanup());

  it('prints every Pack A section in template order, with gaps where officer input is missing', () => {
    const e = assemblePack(readPackSource(ws.db, { kind: 'eu-ai-act', model: 'credit-pd', version: '3' }), 'eu-ai-act', GEN);
    expect(PackEvidence.safeParse(e).success).toBe(true);
    expect(e.sections.map((s) => s.id)).toEqual([
      'A.0', 'A.1(a)', 'A.1(b)', 'A.1(c)', 'A.1(d)', 'A.1(e)', 'A.1(f)', 'A.1(g)', 'A.1(h)', 'A.2(a)', 'A.2(b)', 'A.2(c)', 'A.2(d)',
      'A.2(e)', 'A.2(f)', 'A.2(g)', 'A.2(h)', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.X1', 'A.X2', 'A.X3', 'A.X4', 'A.X5', 'A.X6',
    ]);
    expect(gapsOf(e, 'A.1(a)')).toContainEqual(expect.objectContaining({ field: 'intended_purpose', reason: 'MISSING', owner: 'Model Owner' }));
    expect(gapsOf(e, 'A.2(e)').filter((g) => g.field.startsWith('oversight.'))).toHaveLength(6);
    expect(gapsOf(e, 'A.2(g)')).toContainEqual(expect.objectContaining({ field: 'fairness', reason: 'MISSING', owner: 'Model Developer' }));
    expect(gapsOf(e, 'A.7')).toContainEqual(expect.objectContaining({ reason: 'PENDING_OFFICIAL_TEMPLATE' }));
    expect(gapsOf(e, 'A.2(a)').map((g) => g.field)).not.toContain('runs');
    expect(e.envelope.completeness.gapCount).toBe(e.envelope.completeness.gaps.length);
    expect(e.envelope.scope).toMatchObject({ modelName: 'credit-pd', version: '3', stage: 'Production', aliases: ['champion'] });
  });

  it('replaces a gap with the narrative, attributed, once an officer writes it; N/A needs a reason', () => {
    saveNarrative(ws.db, { model: 'credit-pd', version: '3', subject: '', key: 'intended_purpose', role: 'Model Owner', text: 'PD for unsecured loans in ES/PT.', notApplicable: false, doc: null }, ACTOR, '2025-03-01T00:00:00.000Z');
    saveNarrative(ws.db, { model: 'credit-pd', version: '3', subject: '', key: 'illustrations', role: 'Model Owner', text: 'Standalone software, no product exterior.', notApplicable: true, doc: null }, ACTOR, '2025-03-01T00:00:00.000Z');
    const e = assemblePack(readPackSource(ws.db, { kind: 'eu-ai-act', model: 'credit-pd', version: '3' }), 'eu-ai-act', GEN);
    const a1 = e.sections.find((s) => s.id === 'A.1(a)')?.items.find((i) => i.field === 'intended_purpose');
    expect(a1).toMatchObject({ kind: 'narrative', authorName: 'Zoë Åberg', role: 'Model Owner', revision: 1 });
    expect(e.sections.find((s) => s.id === 'A.1(f)')?.items[0]).toMatchObject({ kind: 'na', reason: 'Standalone software, no product exterior.' });
    expect(() => saveNarrative(ws.db, { model: 'credit-pd', version: '3', subject: '', key: 'intended_purpose', role: 'Model Owner', text: '', notApplicable: true, doc: null }, ACTOR, '2025-03-02T00:00:00.000Z')).toThrow(/cannot be marked not applicable/);
  });

  it('reads as of a date: later narratives and sign-offs are not in an earlier pack', () => {
    saveNarrative(ws.db, { model: 'credit-pd', version: '3', subject: '', key: 'intended_purpose', role: 'Model Owner', text: 'v1 text', notApplicable: false, doc: null }, ACTOR, '2025-03-01T00:00:00.000Z');
    saveNarrative(ws.db, { model: 'credit-pd', version: '3', subject: '', key: 'intended_purpose', role: 'Model Owner', text: 'v2 text', notApplicable: false, doc: null }, ACTOR, '2025-04-01T00:00:00.000Z');
    addAttestation(ws.db, 'credit-pd', '3', 'validator', '2025-05-01T00:00:00.000Z');
    const early = assemblePack(readPackSource(ws.db, { kind: 'model-risk', model: 'credit-pd', version: '3', asOf: '2025-03-15' }), 'model-risk', GEN);
    const late = assemblePack(readPackSource(ws.db, { kind: 'model-risk', model: 'credit-pd', version: '3' }), 'model-risk', GEN);
    const purpose = (e: Evidence) => e.sections.find((s) => s.id === 'B.3')?.items.find((i) => i.field === 'intended_purpose');
    expect(purpose(early)).toMatchObject({ text: 'v1 text', revision: 1 });
    expect(purpose(late)).toMatchObject({ text: 'v2 text', revision: 2 });
    expect(gapsOf(early, 'B.9')).toContainEqual(expect.objectContaining({ field: 'validation', reason: 'MISSING', owner: 'Validator' }));
    expect(gapsOf(late, 'B.9').map((g) => g.field)).not.toContain('validation');
    expect(late.sections.map((s) => s.id).slice(-2)).toEqual(['B.20', 'B.X1']);
  });

  it('prints monitoring as gaps when absent and as charts when present, never as invented values', () => {
    const src = readPackSource(ws.db, { kind: 'model-risk', model: 'credit-pd', version: '3' });
    const none = assemblePack(src, 'model-risk', GEN);
    expect(gapsOf(none, 'B.10').map((g) => g.field)).toEqual(expect.arrayContaining(['results', 'drift.psi', 'performance']));
    const withData = assemblePack(readPackSource(ws.db, { kind: 'model-risk', model: 'credit-pd', version: '3' }, fixedMonitoring(monitoringSeries(['income'], 6), [])), 'model-risk', GEN);
    const charts = withData.sections.find((s) => s.id === 'B.10')?.items.filter((i) => i.kind === 'chart') ?? [];
    expect(charts.map((c) => (c.kind === 'chart' ? c.chart : ''))).toEqual(['score-distribution', 'psi-over-time', 'performance-over-time']);
    expect(gapsOf(withData, 'B.10').map((g) => g.field)).not.toContain('drift.psi');
  });

  it('Pack C reproduces one decision and prints a gap for a decision that is not in the log', () => {
    const v = (ws.db.prepare('SELECT id FROM model_version').get() as { id: number }).id;
    const c = assemblePack(readPackSource(ws.db, { kind: 'decision', model: 'credit-pd', version: '3', decisionId: `dec-${v}-3` }), 'decision', GEN);
    const verdict = c.sections.find((s) => s.id === 'C.7')?.items.find((i) => i.field === 'verdict');
    expect(verdict).toMatchObject({ kind: 'value', value: 'REPRODUCED' });
    expect(gapsOf(c, 'C.2')).toContainEqual(expect.objectContaining({ field: 'artifact_sha256', reason: 'MISSING' }));
    const missing = assemblePack(readPackSource(ws.db, { kind: 'decision', model: 'credit-pd', version: '3', decisionId: 'nope' }), 'decision', GEN);
    expect(gapsOf(missing, 'C.1')).toContainEqual(expect.objectContaining({ explanation: 'decision log record not found' }));
  });

  it('is deterministic: the same state gives the same pack id and fingerprint', () => {
    const a = assemblePack(readPackSource(ws.db, { kind: 'eu-ai-act', model: 'credit-pd', version: '3' }), 'eu-ai-act', GEN);
    const b = assemblePack(readPackSource(ws.db, { kind: 'eu-ai-act', model: 'credit-pd', version: '3' }), 'eu-ai-act', GEN);
    expect(a.envelope.packId).toMatch(/^A-[0-9a-f]{16}$/);
    expect(evidenceFingerprint(a)).toBe(evidenceFingerprint(b));
  });
});
