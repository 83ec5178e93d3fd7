import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type LineageEdge, LineageGraph, type LineageNode } from '../../../shared/schemas/lineage';
import { END_OF_TIME } from './as-of';

/** Edges along which data flows (followed forward downstream, backward upstream). */
const FLOW = new Set(['input-to', 'produces', 'read-by', 'wrote', 'trained-on', 'registered-as', 'logged']);
/** Job-level flow: what a job reads and writes over all its runs. Run-level edges, where present, are more exact. */
const JOB_FLOW = new Set(['input-to', 'produces']);
const RUN_FLOW = new Set(['read-by', 'wrote']);
const MAX_NODES = 500;

const EdgeRow = z.object({ from: z.string(), to: z.string(), type: z.string() });

/**
 * Walk the joined lineage graph from `start`: stored OpenLineage edges plus the joins to MLflow (dataset inputs by
 * dataset name, runs by `same-as`, versions by source run, decisions by version), as of `asOf` when given.
 * Identity and membership edges (run-of, child-of, same-as) are followed both ways; flow edges one way.
 */
export function walkLineage(db: Database.Database, start: string, direction: 'upstream' | 'downstream', asOf: string | null): LineageGraph {
  const at = asOf ?? END_OF_TIME;
  const edges = new Map<string, LineageEdge>();
  const seen = new Set<string>([start]);
  const queue = [start];
  let truncated = false;
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const edge of edgesToFollow(edgesAt(db, node, at), node, direction)) {
      const next = edge.from === node ? edge.to : edge.from;
      edges.set(`${edge.from}|${edge.to}|${edge.type}`, edge);
      if (seen.has(next)) continue;
      if (seen.size >= MAX_NODES) {
        truncated = true;
        continue;
      }
      seen.add(next);
      // A job reached from one of its runs is shown, not expanded: expanding it would pull in every other run
      // of that job and every dataset it ever touched, which is not the lineage of this run.
      if (edge.type !== 'run-of') queue.push(next);
    }
  }
  return LineageGraph.parse({ start, direction, asOf, nodes: [...seen].map((key) => describe(db, key, at)), edges: [...edges.values()], truncated });
}

/**
 * The edges to follow from `node`: flow edges in the walk's direction only, identity and membership edges both
 * ways; job-level flow only where no run-level flow says more precisely which run read or wrote the node.
 */
function edgesToFollow(all: LineageEdge[], node: string, direction: 'upstream' | 'downstream'): LineageEdge[] {
  const inDirection = all.filter((e) => !FLOW.has(e.type) || (e.from === node) === (direction === 'downstream'));
  const hasRunFlow = inDirection.some((e) => RUN_FLOW.has(e.type));
  return hasRunFlow ? inDirection.filter((e) => !JOB_FLOW.has(e.type)) : inDirection;
}

/** Every edge touching `node`, stored or derived from the registry tables. */
function edgesAt(db: Database.Database, node: string, at: string): LineageEdge[] {
  const stored = db
    .prepare(
      `SELECT e.from_node AS "from", e.to_node AS "to", e.edge_type AS type FROM lineage_edge e
       JOIN snapshot s ON s.id = e.snapshot_id AND s.observed_at <= :at
       WHERE e.from_node = :node OR e.to_node = :node`,
    )
    .all({ node, at });
  return [...z.array(EdgeRow).parse(stored), ...derivedEdges(db, node, at)];
}

/** Joins from lineage to the registry, per node type (parameters :node, :key, :name, :at; unused ones are ignored). */
const DERIVED: Record<string, string> = {
  dataset: `SELECT :node AS "from", 'mlflow-dataset:' || d.name || '@' || d.digest AS "to", 'same-as' AS type FROM dataset d
     JOIN snapshot s ON s.id = d.first_snapshot_id AND s.observed_at <= :at
     WHERE d.name = :name OR d.source = :key`,
  'mlflow-dataset': `SELECT :node AS "from", 'mlflow-run:' || i.run_id AS "to", 'trained-on' AS type FROM dataset_input i JOIN dataset d ON d.id = i.dataset_id
     JOIN snapshot s ON s.id = d.first_snapshot_id AND s.observed_at <= :at
     WHERE d.name || '@' || d.digest = :key
     UNION SELECT 'dataset:' || ld.namespace || '/' || ld.name, :node, 'same-as' FROM lineage_dataset ld JOIN dataset d ON d.name || '@' || d.digest = :key
     WHERE ld.name = d.name OR ld.namespace || '/' || ld.name = d.source`,
  'mlflow-run': `SELECT :node AS "from", 'model-version:' || m.name || '/' || v.version AS "to", 'registered-as' AS type FROM model_version v
     JOIN registered_model m ON m.id = v.model_id JOIN snapshot s ON s.id = v.first_snapshot_id AND s.observed_at <= :at
     WHERE v.source_run_id = :key
     UNION SELECT 'mlflow-dataset:' || d.name || '@' || d.digest, :node, 'trained-on' FROM dataset_input i JOIN dataset d ON d.id = i.dataset_id WHERE i.run_id = :key`,
  'model-version': `SELECT 'mlflow-run:' || v.source_run_id AS "from", :node AS "to", 'registered-as' AS type FROM model_version v JOIN registered_model m ON m.id = v.model_id
     WHERE m.name || '/' || v.version = :key AND v.source_run_id IS NOT NULL
     UNION SELECT :node, 'decisions:' || :key, 'logged' WHERE EXISTS (SELECT 1 FROM decision d JOIN model_version v ON v.id = d.model_version_id
       JOIN registered_model m ON m.id = v.model_id WHERE m.name || '/' || v.version = :key AND d.decided_at <= :at)`,
};

function derivedEdges(db: Database.Database, node: string, at: string): LineageEdge[] {
  const [type = '', ...rest] = node.split(':');
  const sql = DERIVED[type];
  if (sql === undefined) return [];
  const key = rest.join(':');
  return z.array(EdgeRow).parse(db.prepare(sql).all({ node, key, name: key.split('/').pop() ?? key, at }));
}

function describe(db: Database.Database, key: string, at: string): LineageNode {
  const [type = '', ...rest] = key.split(':');
  const label = rest.join(':');
  if (type === 'decisions') {
    const count = db
      .prepare(
        `SELECT count(*) FROM decision d JOIN model_version v ON v.id = d.model_version_id JOIN registered_model m ON m.id = v.model_id
         WHERE m.name || '/' || v.version = ? AND d.decided_at <= ?`,
      )
      .pluck()
      .get(label, at);
    return { key, type, label, count: z.number().int().parse(count) };
  }
  return { key, type: type as LineageNode['type'], label };
}
