import type { DecisionRule, Tolerance } from '../../shared/schemas/bundle';
import type { Population } from './population';
import type { BoostingOptions } from './train-trees';

/** Logistic-regression hyper-parameters (scikit-learn names). */
export interface LogisticOptions {
  c: number;
  iterations: number;
}

/**
 * One registered version and its life: registered in month `created` (as challenger), promoted to champion,
 * rejected by validation (archived) or deleted from the registry (absent from later full snapshots).
 */
export interface VersionPlan {
  created: number;
  day: number;
  promoted?: number;
  rejected?: number;
  deleted?: number;
  /** Why this version was trained (the run description). */
  note: string;
  options: LogisticOptions | BoostingOptions;
}

/** A model of the demo bank and everything needed to simulate it for a year. */
export interface ModelSpec {
  name: string;
  description: string;
  population: Population;
  family: 'logistic' | 'trees';
  output: string;
  owner: string;
  useCase: string;
  riskTier: 'Tier 1 (high)' | 'Tier 2 (medium)' | 'Tier 3 (low)';
  validationCycleMonths: number;
  department: string;
  experimentId: string;
  trainRows: number;
  rule?: DecisionRule;
  /** Decisions logged per month by the champion at scale 1 (0: the model scores in batch, not per decision). */
  monthlyDecisions: number;
  /** Months until the outcome of a decision is known; with the decision value that yields an outcome. */
  outcome?: { lagMonths: number; onlyFor?: string };
  versions: VersionPlan[];
}

/** The replay tolerance every demo ONNX version declares. */
export const DEMO_TOLERANCE: Tolerance = { atol: 1e-6, rtol: 1e-5 };
