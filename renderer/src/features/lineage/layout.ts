import dagre from '@dagrejs/dagre';
import type { LineageGraph, LineageNode } from '../../../../shared/schemas/lineage';
import { formatCount } from '../../lib/format';

export interface PlacedNode extends LineageNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  type: string;
  points: { x: number; y: number }[];
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** What dagre writes on a node once laid out. */
type Box = { x: number; y: number; width: number; height: number };

const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7.2;

/** Lay the graph out left to right (sources on the left) with dagre; sizes follow the label length. */
export function layoutGraph(graph: LineageGraph): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.key, { width: Math.max(120, 24 + CHAR_WIDTH * displayLabel(node).length), height: NODE_HEIGHT });
  }
  graph.edges.forEach((e, i) => {
    if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to, {}, `${i}`);
  });
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.key) as Box;
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const edges = graph.edges.flatMap((e, i) => {
    const placed = g.edge({ v: e.from, w: e.to, name: `${i}` }) as { points?: { x: number; y: number }[] } | undefined;
    return placed?.points ? [{ ...e, points: placed.points }] : [];
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}

/** What a node shows: its label, with the decision count for decision nodes. */
export function displayLabel(node: LineageNode): string {
  return node.type === 'decisions' && node.count !== undefined ? `${formatCount(node.count)} decisions` : node.label;
}

export const NODE_TYPE_TEXT: Record<LineageNode['type'], string> = {
  dataset: 'dataset',
  job: 'job',
  run: 'job run',
  'mlflow-run': 'training run',
  'mlflow-dataset': 'training dataset',
  'model-version': 'model version',
  decisions: 'logged decisions',
};
