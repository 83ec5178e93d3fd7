import type { DecisionRecord, DecisionRule, OutcomeRecord } from '../../shared/schemas/bundle';
import { addMonthsIso, daysInMonth, monthLabel, monthTime } from './calendar';
import type { Case } from './population';
import { sigmoid } from './population';
import { Rng } from './prng';
import { scoreWithOnnx } from './scoring';
import type { TrainedVersion } from './train-version';

/** A month's decision log of one model and the outcomes those decisions will produce later. */
export interface DecisionBatch {
  decisions: DecisionRecord[];
  outcomes: OutcomeRecord[];
}

/** Short decision-id prefix from the model name ("retail-credit-pd" → "RCP"). */
export function decisionPrefix(model: string): string {
  return model.split('-').map((w) => w.slice(0, 1).toUpperCase()).join('');
}

/** Apply a decision rule to a score, exactly as replay does. */
export function applyRule(rule: DecisionRule, score: number): string {
  const t = rule.threshold;
  const hit = rule.operator === '>' ? score > t : rule.operator === '>=' ? score >= t : rule.operator === '<' ? score < t : score <= t;
  return hit ? rule.whenTrue : rule.whenFalse;
}

/** Decision time in month `m`: card authorisations at their logged hour, other decisions in office hours. */
function decisionTime(rng: Rng, m: number, c: Case): number {
  const day = 1 + rng.int(daysInMonth(m));
  const hour = c.features.hour_of_day ?? 8 + Math.floor(rng.between(0, 12));
  return monthTime(m, day, hour, rng.int(60), rng.int(60)) + rng.int(1000);
}

interface Drawn {
  at: number;
  c: Case;
  truth: number;
  requestId: string;
}

function drawCases(t: TrainedVersion, m: number, n: number, rng: Rng): Drawn[] {
  const drawn: Drawn[] = [];
  for (let i = 0; i < n; i += 1) {
    const c = t.spec.population.sample(rng, m);
    const truth = sigmoid(t.spec.population.trueLogit(c.features, rng));
    drawn.push({ c, truth, at: decisionTime(rng, m, c), requestId: `req-${rng.hex(20)}` });
  }
  return drawn.sort((a, b) => a.at - b.at || a.requestId.localeCompare(b.requestId));
}

/**
 * The decisions the champion `t` logged in month `m` (scores from its real ONNX artifact in onnxruntime) and
 * their outcomes, drawn from the ground-truth probability and dated `lagMonths` after each decision.
 */
export async function generateDecisions(t: TrainedVersion, m: number, n: number, seed: string): Promise<DecisionBatch> {
  const rng = new Rng(seed, `${t.spec.name}/decisions/${m}`);
  const rule = t.spec.rule;
  if (!rule) throw new Error(`${t.spec.name} has no decision rule, so it logs no decisions`);
  const drawn = drawCases(t, m, n, rng);
  const features = t.spec.population.features.map((f) => f.name);
  const columns = features.map((f) => drawn.map((d) => d.c.features[f] ?? 0));
  const scores = await scoreWithOnnx(t.onnx, t.spec.output, { features, columns, rows: drawn.length });
  const prefix = `${decisionPrefix(t.spec.name)}-${monthLabel(m).replace('-', '')}`;
  const batch: DecisionBatch = { decisions: [], outcomes: [] };
  drawn.forEach((d, i) => {
    const score = scores[i] as number;
    const decisionId = `${prefix}-${String(i + 1).padStart(6, '0')}`;
    const decidedAt = new Date(d.at).toISOString();
    const decision = applyRule(rule, score);
    batch.decisions.push({ decisionId, model: t.spec.name, version: t.version, decidedAt, requestId: d.requestId, inputs: { ...d.c.features }, outputs: { [t.spec.output]: [score] }, decision, attributes: { ...d.c.attributes } });
    const o = t.spec.outcome;
    if (o && (o.onlyFor === undefined || o.onlyFor === decision)) {
      batch.outcomes.push({ decisionId, outcome: rng.chance(d.truth) ? '1' : '0', observedAt: addMonthsIso(decidedAt, o.lagMonths) });
    }
  });
  return batch;
}
