import type { onnx } from 'onnx-proto';
import type { ModelMeta } from './onnx-proto-helpers';
import {
  encodeModel,
  floatValueInfo,
  floatsAttr,
  intAttr,
  intsAttr,
  node,
  stringAttr,
  stringsAttr,
} from './onnx-proto-helpers';

/** A tree node: a split (x[feature] <= threshold goes to `yes`) or a leaf carrying a logit increment. */
export type TreeNode =
  | { kind: 'split'; feature: number; threshold: number; yes: number; no: number }
  | { kind: 'leaf'; value: number };

/** A boosted ensemble: sum of tree leaves plus a base logit, squashed by a sigmoid. */
export interface TreeEnsembleParams {
  features: readonly string[];
  baseLogit: number;
  trees: readonly (readonly TreeNode[])[];
}

interface NodeAttributes {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  values: number[];
  modes: string[];
  trueIds: number[];
  falseIds: number[];
  targetTree: number[];
  targetNode: number[];
  targetWeight: number[];
}

function flattenTrees(trees: TreeEnsembleParams['trees']): NodeAttributes {
  const a: NodeAttributes = {
    treeIds: [], nodeIds: [], featureIds: [], values: [], modes: [],
    trueIds: [], falseIds: [], targetTree: [], targetNode: [], targetWeight: [],
  };
  trees.forEach((tree, t) => {
    tree.forEach((n, id) => {
      a.treeIds.push(t);
      a.nodeIds.push(id);
      const split = n.kind === 'split';
      a.featureIds.push(split ? n.feature : 0);
      a.values.push(split ? n.threshold : 0);
      a.modes.push(split ? 'BRANCH_LEQ' : 'LEAF');
      a.trueIds.push(split ? n.yes : 0);
      a.falseIds.push(split ? n.no : 0);
      if (!split) {
        a.targetTree.push(t);
        a.targetNode.push(id);
        a.targetWeight.push(n.value);
      }
    });
  });
  return a;
}

/**
 * Build a boosted tree ensemble as ONNX (ai.onnx.ml TreeEnsembleRegressor → Sigmoid), the shape XGBoost and
 * LightGBM binary classifiers take once converted; inputs are one [N,1] float tensor per feature, by name.
 */
export function buildTreeEnsembleOnnx(params: TreeEnsembleParams, outputName: string, meta: ModelMeta): Uint8Array {
  const a = flattenTrees(params.trees);
  const ensemble = node(
    'TreeEnsembleRegressor',
    ['features'],
    ['margin'],
    [
      intAttr('n_targets', 1),
      stringAttr('aggregate_function', 'SUM'),
      stringAttr('post_transform', 'NONE'),
      floatsAttr('base_values', [params.baseLogit]),
      intsAttr('nodes_treeids', a.treeIds),
      intsAttr('nodes_nodeids', a.nodeIds),
      intsAttr('nodes_featureids', a.featureIds),
      floatsAttr('nodes_values', a.values),
      stringsAttr('nodes_modes', a.modes),
      intsAttr('nodes_truenodeids', a.trueIds),
      intsAttr('nodes_falsenodeids', a.falseIds),
      intsAttr('nodes_missing_value_tracks_true', a.treeIds.map(() => 0)),
      intsAttr('target_treeids', a.targetTree),
      intsAttr('target_nodeids', a.targetNode),
      intsAttr('target_ids', a.targetTree.map(() => 0)),
      floatsAttr('target_weights', a.targetWeight),
    ],
    'ai.onnx.ml',
  );
  const graph: onnx.IGraphProto = {
    input: params.features.map((f) => floatValueInfo(f, 1)),
    output: [floatValueInfo(outputName, 1, 'probability of the positive class')],
    node: [node('Concat', [...params.features], ['features'], [intAttr('axis', 1)]), ensemble, node('Sigmoid', ['margin'], [outputName])],
  };
  return encodeModel(graph, meta, true);
}
