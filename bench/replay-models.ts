import type { ModelMeta } from '../scripts/demo/onnx-proto-helpers';
import { buildTreeEnsembleOnnx, type TreeNode } from '../scripts/demo/onnx-trees';
import { seededRandom } from '../test/support/replay-workspace';

/** The shape of a production credit-risk gradient-boosting model (XGBoost/LightGBM, converted to ONNX). */
export interface BoostedTreesSpec {
  features: string[];
  trees: number;
  depth: number;
  seed: number;
}

/**
 * A boosted tree ensemble of full trees with random splits over features valued in [0, 10): the size, not the
 * skill, of a bank's model (hundreds of trees of depth 6 over tens of features), built the way the demo's
 * XGBoost-style models are (TreeEnsembleRegressor → Sigmoid, one [N, 1] input per feature).
 */
export function buildBoostedTreesModel(spec: BoostedTreesSpec): Uint8Array {
  const random = seededRandom(spec.seed);
  const trees: TreeNode[][] = [];
  for (let t = 0; t < spec.trees; t++) {
    const nodes: TreeNode[] = [];
    const grow = (level: number): number => {
      const id = nodes.length;
      nodes.push({ kind: 'leaf', value: 0 });
      if (level === spec.depth) {
        nodes[id] = { kind: 'leaf', value: Math.fround((random() - 0.5) * 0.2) };
        return id;
      }
      const yes = grow(level + 1);
      const no = grow(level + 1);
      nodes[id] = { kind: 'split', feature: Math.floor(random() * spec.features.length), threshold: Math.fround(random() * 10), yes, no };
      return id;
    };
    grow(0);
    trees.push(nodes);
  }
  const meta: ModelMeta = { graphName: 'bench_boosted_trees', docString: `${spec.trees} trees of depth ${spec.depth}`, modelVersion: 1, metadata: {} };
  return buildTreeEnsembleOnnx({ features: spec.features, baseLogit: -1, trees }, 'pd', meta);
}
