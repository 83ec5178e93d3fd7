import type { DatasetProfile } from '../../shared/schemas/bundle';
import type { BoostingOptions } from './train-trees';
import type { LogisticOptions, ModelSpec, VersionPlan } from './catalog-types';
import { buildLogisticOnnx } from './onnx-logistic';
import type { ModelMeta } from './onnx-proto-helpers';
import { buildTreeEnsembleOnnx } from './onnx-trees';
import { datasetProfile } from './profile';
import { Rng } from './prng';
import { scoreWithOnnx } from './scoring';
import { auc, ksStatistic, logLoss, meanSquaredError, round } from './stats';
import { fitLogistic } from './train-logistic';
import type { TrainingTable } from './train-logistic';
import { fitBoostedTrees } from './train-trees';
import type { TrainingData } from './training-data';
import { buildTrainingData } from './training-data';

/** A trained, exported model version with what its run logged. */
export interface TrainedVersion {
  spec: ModelSpec;
  plan: VersionPlan;
  version: string;
  runId: string;
  onnx: Uint8Array;
  data: TrainingData;
  profile: DatasetProfile;
  lossHistory: number[];
  metrics: Record<string, number>;
  params: Record<string, string>;
}

function fitAndExport(spec: ModelSpec, plan: VersionPlan, table: TrainingTable, meta: ModelMeta): { onnx: Uint8Array; lossHistory: number[]; params: Record<string, string> } {
  if (spec.family === 'trees') {
    const o = plan.options as BoostingOptions;
    const fit = fitBoostedTrees(table, o);
    const params = { algorithm: 'gradient_boosted_trees', objective: 'binary:logistic', n_estimators: String(o.trees), max_depth: String(o.depth), learning_rate: String(o.learningRate), reg_lambda: String(o.lambda), min_child_weight: String(o.minChildWeight), tree_method: 'hist', max_bin: '20' };
    return { onnx: buildTreeEnsembleOnnx(fit.params, spec.output, meta), lossHistory: fit.lossHistory, params };
  }
  const o = plan.options as LogisticOptions;
  const fit = fitLogistic(table, o.c, o.iterations);
  const params = { algorithm: 'logistic_regression', penalty: 'l2', C: String(o.c), solver: 'newton-cg', max_iter: String(o.iterations), scaler: 'standard' };
  return { onnx: buildLogisticOnnx(fit.params, spec.output, meta), lossHistory: fit.lossHistory, params };
}

function validationMetrics(spec: ModelSpec, scores: Float32Array, y: Float64Array): Record<string, number> {
  const r = (x: number): number => round(x, 6);
  if (spec.population.target === 'fraction') {
    let absErr = 0;
    for (let i = 0; i < y.length; i += 1) absErr += Math.abs((scores[i] as number) - (y[i] as number));
    return { val_rmse: r(Math.sqrt(meanSquaredError(scores, y))), val_mae: r(absErr / y.length), val_log_loss: r(logLoss(scores, y)) };
  }
  const a = auc(scores, y);
  return { val_auc: r(a), val_gini: r(2 * a - 1), val_ks: r(ksStatistic(scores, y)), val_log_loss: r(logLoss(scores, y)), val_brier: r(meanSquaredError(scores, y)) };
}

function tableInput(table: TrainingTable): { features: readonly string[]; columns: Float64Array[]; rows: number } {
  return { features: table.features, columns: table.columns, rows: table.target.length };
}

/** Generate the training data of one version, fit it, export ONNX, and measure it on held-out rows. */
export async function trainVersion(spec: ModelSpec, plan: VersionPlan, seed: string, rowScale: number): Promise<TrainedVersion> {
  const version = String(spec.versions.indexOf(plan) + 1);
  const rng = new Rng(seed, `${spec.name}/v${version}/training`);
  const runId = rng.hex(32);
  const rows = Math.max(400, Math.round(spec.trainRows * rowScale));
  const data = buildTrainingData(spec, plan, rows, rng);
  const meta: ModelMeta = {
    graphName: `${spec.name.replace(/-/g, '_')}_v${version}`,
    docString: `${spec.description} Northwind Savings Bank (fictional), version ${version}: ${plan.note}.`,
    modelVersion: Number(version),
    metadata: { model_name: spec.name, model_version: version, mlflow_run_id: runId, training_data_sha256: data.digest },
  };
  const { onnx, lossHistory, params } = fitAndExport(spec, plan, data.fit, meta);
  const fitScores = await scoreWithOnnx(onnx, spec.output, tableInput(data.fit));
  const valScores = await scoreWithOnnx(onnx, spec.output, tableInput(data.validation));
  const fitCols = Object.fromEntries(data.fit.features.map((f, j) => [f, data.fit.columns[j] as Float64Array]));
  const eventRate = data.fit.target.reduce((a, b) => a + b, 0) / data.fit.target.length;
  const metrics: Record<string, number> = { ...validationMetrics(spec, valScores, data.validation.target), train_event_rate: round(eventRate, 6) };
  if (spec.population.target === 'binary') metrics.train_auc = round(auc(fitScores, data.fit.target), 6);
  return {
    spec, plan, version, runId, onnx, data, lossHistory, metrics,
    profile: datasetProfile(fitCols, data.fit.target.length, fitScores),
    params: { ...params, train_rows: String(data.fit.target.length), validation_rows: String(data.validation.target.length), n_features: String(data.fit.features.length), random_seed: String(Number.parseInt(runId.slice(0, 6), 16)) },
  };
}
