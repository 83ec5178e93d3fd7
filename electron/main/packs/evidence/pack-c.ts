import { canonicalJson, sha256Hex } from '../../core/hashing';
import type { SourceDecision, SourceReplay } from '../source-types';
import type { SectionBuilder, SectionDef } from './builders';
import { daysBetween, factOf, fmt } from './builders';
import { approvalsBy } from './common';
import { scoreOf } from '../store/read-activity';

function decisionOrGap(s: SectionBuilder, field: string): SourceDecision | null {
  if (s.src.decision === null) s.gap(field, 'Decision log record', 'MISSING', 'decision log record not found', 'Compliance');
  return s.src.decision;
}

/** The newest replay of the decision (replays are read newest first). */
function replayOf(s: SectionBuilder, field: string): SourceReplay | null {
  const replay = s.src.replays[0] ?? null;
  if (replay === null && s.src.decision !== null) s.gap(field, 'Replay', 'MISSING', 'this decision has not been replayed', 'Model Owner');
  return replay;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Reason codes as printable rows. The replay stores `{ method, top: [{ feature, value, baseline, contribution }] }`;
 * decision logs may carry a plain list. Anything else is printed as recorded.
 */
function reasonRows(codes: unknown): string[] {
  if (codes !== null && typeof codes === 'object' && 'top' in codes && Array.isArray(codes.top)) {
    return (codes.top as unknown[]).map((c) => {
      const r = c as { feature?: unknown; value?: unknown; baseline?: unknown; contribution?: unknown };
      const n = (v: unknown) => (typeof v === 'number' ? fmt(v, 4) : text(v));
      return `${text(r.feature) ?? '?'} = ${n(r.value) ?? '—'} (baseline ${n(r.baseline) ?? '—'}, contribution ${n(r.contribution) ?? '—'})`;
    });
  }
  if (Array.isArray(codes)) return codes.map((c) => (typeof c === 'string' ? c : canonicalJson(c)));
  if (codes !== null && typeof codes === 'object') return Object.entries(codes).map(([k, v]) => `${k}: ${text(v) ?? ''}`);
  return [];
}

function verdictOf(s: SectionBuilder, replay: SourceReplay): string {
  if (s.src.version.tolerance === null && !hasTolerance(replay)) return 'UNDETERMINED';
  const flip = replay.recordedDecision !== null && replay.replayedDecision !== null && replay.recordedDecision !== replay.replayedDecision;
  if (flip) return 'NOT REPRODUCED (decision flip)';
  if (s.src.version.artifactSha256 !== null && replay.artifactSha256 !== null && replay.artifactSha256 !== s.src.version.artifactSha256) return 'NOT REPRODUCED';
  return VERDICTS[replay.verdict] ?? replay.verdict.toUpperCase().replace(/[-_]/g, ' ');
}

/** The replay module's verdicts in the spec's words (§4.2 C.7). */
const VERDICTS: Record<string, string> = {
  identical: 'REPRODUCED',
  reproduced: 'REPRODUCED',
  'within-tolerance': 'REPRODUCED WITHIN TOLERANCE',
  'differs-same-decision': 'NOT REPRODUCED',
  differs: 'NOT REPRODUCED',
  'decision-changed': 'NOT REPRODUCED (decision flip)',
};

function hasTolerance(replay: SourceReplay): boolean {
  return replay.tolerance !== null && typeof replay.tolerance === 'object' && 'atol' in replay.tolerance;
}

/** Pack C sections C.0 to C.10 (AI Act Art. 12, 19, 26, 86). */
export const PACK_C: SectionDef[] = [
  { id: 'C.0', title: 'Request context', anchor: 'Art. 86; GDPR Art. 15, 22', build: (s) => void s.officer('replay_request', { subject: s.src.decision?.uid ?? '' }) },
  {
    id: 'C.1',
    title: 'Decision identification',
    anchor: 'Art. 12',
    build(s) {
      const d = decisionOrGap(s, 'decision');
      if (d === null) return;
      s.value('decision_id', 'Decision ID', d.uid, [d.provenance], 'Compliance');
      s.value('decided_at', 'Decision time (UTC)', d.decidedAt, [d.provenance], 'Compliance');
      s.value('request_id', 'Application / request reference', d.requestId, [d.provenance], 'Compliance');
      for (const key of ['product', 'channel', 'unit']) s.value(key, key[0]?.toUpperCase() + key.slice(1), text(d.attributes[key]), [d.provenance], 'Compliance');
      s.officer('decision.final_decider_role', { subject: d.uid });
    },
  },
  {
    id: 'C.2',
    title: 'Model identity at decision time',
    anchor: 'Art. 12(2)',
    build(s) {
      const d = decisionOrGap(s, 'decision');
      if (d === null) return;
      const v = s.src.version;
      s.value('model', 'Model and version', `${s.src.model.name} v${v.version}`, [d.provenance, v.provenance], 'Model Owner');
      const stage = s.src.decisionTimeStage;
      s.value('stage', 'Registry stage / aliases at the decision time', [stage?.stage, ...(stage?.aliases ?? [])].filter(Boolean).join(', ') || null, [v.provenance], 'Model Owner');
      const logged = text(d.attributes.artifact_sha256 ?? d.outputs.artifact_sha256);
      if (logged === null) s.gap('artifact_sha256', 'Artifact SHA-256 at decision time', 'MISSING', `model identity inferred, not recorded (inferred: ${v.artifactSha256 ?? 'unknown'})`, 'Model Owner');
      else s.value('artifact_sha256', 'Artifact SHA-256 logged with the decision', logged, [d.provenance], 'Model Owner');
      s.value('opset', 'ONNX opset', v.onnxOpset, [v.provenance], 'Model Developer');
      const rule = v.decisionRule;
      s.value('cutoff', 'Decision threshold', rule ? `${rule.output}[${rule.index}] ${rule.operator} ${rule.threshold}` : null, [v.provenance], 'Model Owner');
    },
  },
  {
    id: 'C.3',
    title: 'Recorded input',
    anchor: 'Art. 12',
    build(s) {
      const d = decisionOrGap(s, 'input');
      if (d === null) return;
      const entries = Object.entries(d.inputs).sort(([a], [b]) => (a < b ? -1 : 1));
      s.table('inputs', 'Input feature vector as logged', ['Feature', 'Value', 'Type'], entries.map(([k, v]) => ({ cells: [k, text(v), v === null ? 'missing' : typeof v], provenance: [d.provenance] })),
        { kind: 'gap', explanation: 'input not logged (replay impossible)', owner: 'Model Owner' });
      s.value('input_sha256', 'SHA-256 of the canonical input', sha256Hex(canonicalJson(d.inputs)), [d.provenance], 'Model Owner');
    },
  },
  {
    id: 'C.4',
    title: 'Recorded output and decision',
    anchor: 'Art. 12, 86',
    build(s) {
      const d = decisionOrGap(s, 'output');
      if (d === null) return;
      s.value('output_raw', 'Raw model output', text(d.outputs), [d.provenance], 'Model Owner');
      s.value('score', 'Score used by the decision rule', fmt(scoreOf(d.outputs, s.src.version.decisionRule), 8), [d.provenance], 'Model Owner');
      s.value('final_decision', 'Final decision', d.decision, [d.provenance], 'Model Owner');
      const recorded = reasonRows(d.attributes.reason_codes ?? d.outputs.reason_codes ?? null);
      if (recorded.length === 0) s.gap('reason_codes', 'Reason codes at decision time', 'MISSING', 'no reason codes were logged with the decision', 'Model Owner');
      else s.value('reason_codes', 'Reason codes at decision time', recorded.join('; '), [d.provenance], 'Model Owner');
      s.value('override', 'Override flag', text(d.attributes.override ?? d.attributes.override_flag), [d.provenance], 'Model Owner');
    },
  },
  {
    id: 'C.5',
    title: 'Replay environment',
    anchor: 'Art. 12',
    build(s) {
      const r = replayOf(s, 'replay');
      if (r === null) return;
      const env = Object.entries(r.runtime).sort(([a], [b]) => (a < b ? -1 : 1));
      s.table('environment', 'Replay runtime', ['Setting', 'Value'], env.map(([k, v]) => ({ cells: [k, text(v)], provenance: [r.provenance] })),
        { kind: 'gap', explanation: 'replay runtime not recorded', owner: 'Model Developer' });
      s.value('artifact_loaded', 'SHA-256 of the artifact loaded', r.artifactSha256, [r.provenance], 'Model Developer');
      if (r.artifactSha256 !== null && s.src.version.artifactSha256 !== null && r.artifactSha256 !== s.src.version.artifactSha256) {
        s.gap('artifact_loaded.integrity', 'Loaded artifact', 'INTEGRITY_FAIL', 'the loaded artifact hash differs from C.2: NOT REPRODUCED', 'Model Developer');
      }
    },
  },
  {
    id: 'C.6',
    title: 'Replayed output',
    anchor: 'Art. 12',
    build(s) {
      const r = replayOf(s, 'replay');
      if (r === null) return;
      s.value('output_raw', 'Replayed raw output', text(r.replayedOutputs), [r.provenance], 'Model Developer');
      s.value('decision', 'Replayed decision', r.replayedDecision, [r.provenance], 'Model Developer');
      s.value('replayed_at', 'Replayed at', r.startedAt, [r.provenance], 'Model Developer');
    },
  },
  {
    id: 'C.7',
    title: 'Comparison and verdict',
    anchor: 'Art. 12, 86',
    build(s) {
      const r = replayOf(s, 'replay');
      if (r === null) return;
      s.value('abs_diff', 'Max absolute difference', fmt(r.maxAbsDiff, 6) ?? '0', [r.provenance], 'Model Developer');
      s.value('rel_diff', 'Max relative difference', fmt(r.maxRelDiff, 6) ?? '0', [r.provenance], 'Model Developer');
      const tol = s.src.version.tolerance;
      if (tol === null && !hasTolerance(r)) s.gap('tolerance', 'Tolerance', 'MISSING', 'tolerance not configured: verdict cannot be better than UNDETERMINED', 'MRM');
      else s.value('tolerance', 'Tolerance and its source', `${text(tol ?? r.tolerance) ?? ''} (${tol ? 'model-level registry tag attest.tolerance' : 'replay default'})`, [tol ? s.src.version.provenance : r.provenance], 'MRM');
      s.value('decision_match', 'Decision matches exactly', r.recordedDecision === r.replayedDecision ? 'yes' : 'no', [r.provenance], 'Model Developer');
      const verdict = verdictOf(s, r);
      s.value('verdict', 'Verdict', verdict, [r.provenance], 'Model Developer');
      if (verdict.startsWith('NOT')) s.note('mismatch', `MISMATCH: ${verdict}. Record a finding or incident candidate.`, [r.provenance], 'warning');
    },
  },
  {
    id: 'C.8',
    title: 'Explanation for the affected person',
    anchor: 'Art. 86',
    build(s) {
      const d = s.src.decision;
      const r = s.src.replays[0] ?? null;
      s.officer('explanation_template');
      const codes = reasonRows(r?.reasonCodes ?? null);
      if (d !== null && codes.length > 0) {
        const rule = s.src.version.decisionRule;
        s.note('explanation', `The AI system produced a score${rule ? ` compared with a cut-off of ${rule.threshold}` : ''}; the recorded decision was "${d.decision ?? 'not recorded'}". Main factors (from the replay): ${codes.slice(0, 5).join('; ')}.`, [d.provenance, r?.provenance].filter((p) => p !== undefined));
      } else {
        s.gap('reason_codes', 'Main factors', 'MISSING', 'reason codes missing (inherits C.4/C.6)', 'Model Owner');
      }
    },
  },
  {
    id: 'C.9',
    title: 'Log retention check',
    anchor: 'Art. 19, 26(6)',
    build(s) {
      const d = decisionOrGap(s, 'decision');
      s.officer('logs.retention_months');
      const months = Number(factOf(s.src, 'logs.retention_months'));
      if (factOf(s.src, 'logs.retention_months') !== null && (!Number.isFinite(months) || months < 6)) s.gap('retention', 'Log retention', 'MISSING', 'retention below statutory minimum (6 months)', 'IT Ops');
      if (d === null) return;
      const age = daysBetween(d.decidedAt, s.src.replays[0]?.startedAt ?? s.src.asOf);
      s.value('age_days', 'Age of the log record at replay (days)', age, [d.provenance], 'IT Ops');
      if (Number.isFinite(months) && months >= 6) s.value('within', 'Within retention', age <= months * 30.44 ? 'yes' : `no — older than ${months} months`, [d.provenance], 'IT Ops');
    },
  },
  {
    id: 'C.10',
    title: 'Chain of custody and sign-off',
    anchor: 'Art. 12, 86',
    build(s) {
      const r = replayOf(s, 'replay');
      if (r !== null) s.value('run_by', 'Replay run by, and when', `${r.actor}, ${r.startedAt}`, [r.provenance], 'Model Developer');
      if (approvalsBy(s.src, 'compliance').length === 0 && approvalsBy(s.src, 'auditor').length === 0) {
        s.gap('signoff', 'Reviewer sign-off', 'UNSIGNED', 'no compliance or auditor sign-off recorded', 'Compliance');
      }
      s.note('bundle_hash', 'SHA-256 of the evidence bundle: the fingerprint in the JSON sidecar and the PDF metadata (Keywords).');
    },
  },
];
