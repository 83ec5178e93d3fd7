import type { BundleMemberInput } from '../../electron/main/sync/bundle-writer';
import type { DecisionRecord, ModelVersionRecord, OutcomeRecord, RunRecord } from '../../shared/schemas/bundle';
import type { ModelSpec } from './catalog-types';
import { monthIndexOf } from './calendar';
import { generateDecisions } from './decisions';
import { ingestionEvents, trainingEvents, trainingLineageRunId } from './lineage';
import { artifactRef, mlmodelBytes, modelVersionRecord, registeredModelRecord, runRecord } from './registry-records';
import { championVersion, versionStates } from './timeline';
import type { TrainedVersion } from './train-version';

/** Generator settings shared by every month. */
export interface MonthContext {
  models: readonly ModelSpec[];
  trained: ReadonlyMap<string, TrainedVersion>;
  seed: string;
  decisionScale: number;
  /** Outcomes waiting for the month they are observed in, filled as decisions are generated. */
  pendingOutcomes: Map<number, OutcomeRecord[]>;
}

/** Key of a trained version in the context map. */
export function versionKey(model: string, version: string): string {
  return `${model}/${version}`;
}

function trainedOf(ctx: MonthContext, model: string, version: string): TrainedVersion {
  const t = ctx.trained.get(versionKey(model, version));
  if (!t) throw new Error(`version ${model}/${version} was not trained`);
  return t;
}

/** Versions whose run, lineage and artifacts enter the history in month `m` (month 0 carries the backlog). */
function newVersions(ctx: MonthContext, m: number): TrainedVersion[] {
  return [...ctx.trained.values()].filter((t) => t.plan.created === m || (m === 0 && t.plan.created < 0));
}

async function monthDecisions(ctx: MonthContext, m: number): Promise<DecisionRecord[]> {
  const decisions: DecisionRecord[] = [];
  for (const spec of ctx.models) {
    const champion = championVersion(spec, m);
    if (spec.monthlyDecisions === 0 || champion === undefined) continue;
    const n = Math.max(1, Math.round(spec.monthlyDecisions * ctx.decisionScale));
    const batch = await generateDecisions(trainedOf(ctx, spec.name, champion), m, n, ctx.seed);
    decisions.push(...batch.decisions);
    for (const o of batch.outcomes) {
      const due = monthIndexOf(o.observedAt);
      ctx.pendingOutcomes.set(due, [...(ctx.pendingOutcomes.get(due) ?? []), o]);
    }
  }
  return decisions;
}

/** Everything the bundle of month `m` holds: full registry state plus the month's new records and artifacts. */
export async function monthMembers(ctx: MonthContext, m: number): Promise<BundleMemberInput[]> {
  const models = ctx.models.filter((s) => s.versions.some((v) => v.created <= m)).map((s) => registeredModelRecord(s, m));
  const versions: ModelVersionRecord[] = ctx.models.flatMap((s) => versionStates(s, m).map((st) => modelVersionRecord(trainedOf(ctx, s.name, st.version), st, m)));
  const fresh = newVersions(ctx, m);
  const runs: RunRecord[] = fresh.map((t) => runRecord(t, trainingLineageRunId(t, ctx.seed)));
  const populations = [...new Set(ctx.models.map((s) => s.population))];
  const events = [...populations.flatMap((p) => ingestionEvents(p, m, ctx.seed)), ...fresh.flatMap((t) => trainingEvents(t, ctx.seed))];
  events.sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
  const decisions = await monthDecisions(ctx, m);
  const outcomes = (ctx.pendingOutcomes.get(m) ?? []).sort((a, b) => a.observedAt.localeCompare(b.observedAt) || a.decisionId.localeCompare(b.decisionId));
  ctx.pendingOutcomes.delete(m);
  const members: BundleMemberInput[] = [
    { path: 'registry/registered-models.jsonl', kind: 'registered-models', records: models },
    { path: 'registry/model-versions.jsonl', kind: 'model-versions', records: versions },
    { path: 'registry/runs.jsonl', kind: 'runs', records: runs },
    { path: 'lineage/openlineage-events.jsonl', kind: 'openlineage-events', records: events },
    { path: 'decisions/decisions.jsonl', kind: 'decisions', records: decisions },
    { path: 'decisions/outcomes.jsonl', kind: 'outcomes', records: outcomes },
  ];
  for (const t of fresh) {
    for (const bytes of [t.onnx, mlmodelBytes(t, t.onnx.length)]) {
      members.push({ path: `artifacts/${artifactRef(bytes, '', '').sha256}`, kind: 'artifact', bytes });
    }
  }
  return members;
}
