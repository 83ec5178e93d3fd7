import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type OpenLineageDataset, type OpenLineageEvent, lineageEventInstant, lineageEventKind } from '../../../shared/schemas/lineage';
import { canonicalJson, sha256Hex } from '../core/hashing';

/** Node keys of the lineage graph (docs/lineage.md): '<type>:<natural key>'. */
export const lineageNode = {
  job: (namespace: string, name: string) => `job:${namespace}/${name}`,
  dataset: (namespace: string, name: string) => `dataset:${namespace}/${name}`,
  run: (runUuid: string) => `run:${runUuid}`,
  mlflowRun: (runId: string) => `mlflow-run:${runId}`,
};

const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);
const FacetsRow = z.object({ id: z.number().int(), facets_json: z.string() });
const MLFLOW_RUN_TAGS = new Set(['mlflow.run_id', 'mlflow_run_id', 'mlflow.runId']);

type Facets = Record<string, unknown>;

/**
 * Writes OpenLineage events into the lineage tables: the raw event once (by the SHA-256 of its canonical JSON),
 * then jobs, runs and datasets with their facets merged (newest event wins per facet; unknown facets are kept),
 * and the graph edges that let a query walk dataset → job → run → MLflow run → model version.
 */
export class LineageWriter {
  events = 0;
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly snapshotId: number,
  ) {
    this.stmt = {
      event: db.prepare(
        `INSERT INTO lineage_event (snapshot_id, event_sha256, event_kind, event_type, event_time, run_uuid, job_namespace, job_name, producer, schema_url, raw_json)
         VALUES (:snapshotId, :sha, :kind, :type, :time, :run, :ns, :name, :producer, :schemaUrl, :raw) ON CONFLICT (event_sha256) DO NOTHING`,
      ),
      edge: db.prepare(
        `INSERT INTO lineage_edge (from_node, to_node, edge_type, observed_at, snapshot_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (from_node, to_node, edge_type) DO NOTHING`,
      ),
      run: db.prepare(
        `INSERT INTO lineage_run (run_uuid, job_id, parent_run_uuid, state, started_at, ended_at, mlflow_run_id, facets_json)
         VALUES (:run, :jobId, :parent, :state, :started, :ended, :mlflow, :facets)
         ON CONFLICT (run_uuid) DO UPDATE SET
           parent_run_uuid = coalesce(excluded.parent_run_uuid, parent_run_uuid),
           state = CASE WHEN excluded.ended_at IS NOT NULL OR state IS NULL THEN excluded.state ELSE state END,
           started_at = coalesce(started_at, excluded.started_at),
           ended_at = coalesce(excluded.ended_at, ended_at),
           mlflow_run_id = coalesce(excluded.mlflow_run_id, mlflow_run_id),
           facets_json = json_patch(facets_json, excluded.facets_json)`,
      ),
    };
  }

  /** Store one event; returns false when the very same event was stored before. */
  write(event: OpenLineageEvent): boolean {
    const raw = canonicalJson(event);
    const time = lineageEventInstant(event.eventTime);
    const info = this.stmt.event.run({
      snapshotId: this.snapshotId,
      sha: sha256Hex(raw),
      kind: lineageEventKind(event),
      type: event.eventType ?? null,
      time,
      run: event.run?.runId ?? null,
      ns: event.job?.namespace ?? null,
      name: event.job?.name ?? null,
      producer: event.producer ?? null,
      schemaUrl: event.schemaURL ?? null,
      raw,
    });
    if (info.changes === 0) return false;
    this.events += 1;
    if (event.dataset) this.upsertFacets('lineage_dataset', event.dataset.namespace, event.dataset.name, event.dataset.facets);
    if (event.job) this.writeJob(event, time);
    return true;
  }

  private writeJob(event: OpenLineageEvent, time: string): void {
    const job = event.job;
    if (!job) return;
    const jobId = this.upsertFacets('lineage_job', job.namespace, job.name, job.facets);
    const jobNode = lineageNode.job(job.namespace, job.name);
    for (const input of event.inputs ?? []) this.edge(this.datasetNode(input), jobNode, 'input-to', time);
    for (const output of event.outputs ?? []) this.edge(jobNode, this.datasetNode(output), 'produces', time);
    if (event.run) this.writeRun(event, event.run.runId, jobId, jobNode, time);
  }

  private writeRun(event: OpenLineageEvent, runUuid: string, jobId: number, jobNode: string, time: string): void {
    const facets: Facets = event.run?.facets ?? {};
    const parent = parentRunId(facets);
    const mlflowRunId = mlflowRunIdOf(facets);
    const type = event.eventType ?? null;
    this.stmt.run.run({
      run: runUuid,
      jobId,
      parent,
      state: type,
      started: type === 'START' ? time : null,
      ended: type !== null && TERMINAL.has(type) ? time : null,
      mlflow: mlflowRunId,
      facets: canonicalJson(facets),
    });
    const runNode = lineageNode.run(runUuid);
    this.edge(runNode, jobNode, 'run-of', time);
    if (parent) this.edge(runNode, lineageNode.run(parent), 'child-of', time);
    if (mlflowRunId) this.edge(runNode, lineageNode.mlflowRun(mlflowRunId), 'same-as', time);
    for (const input of event.inputs ?? []) this.edge(this.datasetNode(input), runNode, 'read-by', time);
    for (const output of event.outputs ?? []) this.edge(runNode, this.datasetNode(output), 'wrote', time);
  }

  private datasetNode(dataset: OpenLineageDataset): string {
    this.upsertFacets('lineage_dataset', dataset.namespace, dataset.name, dataset.facets);
    return lineageNode.dataset(dataset.namespace, dataset.name);
  }

  /** Insert a job or dataset, merging facets (RFC 7396 patch: the newer event's facet replaces the older). */
  private upsertFacets(table: 'lineage_job' | 'lineage_dataset', namespace: string, name: string, facets: Facets | undefined): number {
    const json = canonicalJson(facets ?? {});
    this.db
      .prepare(
        `INSERT INTO ${table} (namespace, name, facets_json) VALUES (?, ?, ?)
         ON CONFLICT (namespace, name) DO UPDATE SET facets_json = json_patch(facets_json, excluded.facets_json)`,
      )
      .run(namespace, name, json);
    return FacetsRow.parse(this.db.prepare(`SELECT id, facets_json FROM ${table} WHERE namespace = ? AND name = ?`).get(namespace, name)).id;
  }

  private edge(from: string, to: string, type: string, time: string): void {
    this.stmt.edge.run(from, to, type, time, this.snapshotId);
  }
}

const ParentFacet = z.looseObject({ run: z.looseObject({ runId: z.string().min(1) }) });
const TagsFacet = z.looseObject({ tags: z.array(z.looseObject({ key: z.string(), value: z.string() })) });
const MlflowFacet = z.looseObject({ runId: z.string().min(1) });

function parentRunId(facets: Facets): string | null {
  const parsed = ParentFacet.safeParse(facets.parent);
  return parsed.success ? parsed.data.run.runId : null;
}

/** The MLflow run an OpenLineage run is, from a tags facet (mlflow.run_id) or an `mlflow` run facet. */
export function mlflowRunIdOf(facets: Facets): string | null {
  const tags = TagsFacet.safeParse(facets.tags);
  const tagged = tags.success ? tags.data.tags.find((t) => MLFLOW_RUN_TAGS.has(t.key))?.value : undefined;
  if (tagged) return tagged;
  for (const key of ['mlflow', 'mlflow_run', 'mlflowRun']) {
    const facet = MlflowFacet.safeParse(facets[key]);
    if (facet.success) return facet.data.runId;
  }
  return null;
}
