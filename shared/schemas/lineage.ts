import { z } from 'zod';

/**
 * OpenLineage events as Attest stores them (docs/lineage.md). Only what lineage needs is required; everything
 * else, including facets Attest does not know, is kept verbatim (loose objects).
 */

const Facets = z.record(z.string(), z.unknown());

/** A dataset named in an event (inputs, outputs, or the subject of a DatasetEvent). */
export const OpenLineageDataset = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  facets: Facets.optional(),
  inputFacets: Facets.optional(),
  outputFacets: Facets.optional(),
});
export type OpenLineageDataset = z.infer<typeof OpenLineageDataset>;

export const OpenLineageJob = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  facets: Facets.optional(),
});

export const OpenLineageRun = z.looseObject({
  runId: z.string().min(1),
  facets: Facets.optional(),
});

/**
 * One OpenLineage event: a RunEvent (run + job), a JobEvent (job, no run) or a DatasetEvent (dataset).
 * `eventTime` is required because history is ordered by it.
 */
export const OpenLineageEvent = z
  .looseObject({
    /** ISO 8601; producers such as the Python client omit the offset, which Attest reads as UTC. */
    eventTime: z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })]),
    eventType: z.string().optional(),
    producer: z.string().optional(),
    schemaURL: z.string().optional(),
    run: OpenLineageRun.optional(),
    job: OpenLineageJob.optional(),
    dataset: OpenLineageDataset.optional(),
    inputs: z.array(OpenLineageDataset).optional(),
    outputs: z.array(OpenLineageDataset).optional(),
  })
  .refine((e) => e.job !== undefined || e.dataset !== undefined, {
    message: 'an event names a job (run and job events) or a dataset (dataset events)',
  })
  .refine((e) => e.run === undefined || e.job !== undefined, { message: 'a run event must name its job' });
export type OpenLineageEvent = z.infer<typeof OpenLineageEvent>;

/** Which of the three event shapes an event has. */
export function lineageEventKind(event: OpenLineageEvent): 'run' | 'job' | 'dataset' {
  if (event.run !== undefined) return 'run';
  return event.job !== undefined ? 'job' : 'dataset';
}

/** The instant an event names, as stored (ISO UTC, milliseconds); a time without an offset is taken as UTC. */
export function lineageEventInstant(eventTime: string): string {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(eventTime);
  return new Date(hasOffset ? eventTime : `${eventTime}Z`).toISOString();
}

/** A node of the joined lineage graph (docs/lineage.md): key '<type>:<natural key>'. */
export const LineageNode = z
  .object({
    key: z.string(),
    type: z.enum(['dataset', 'job', 'run', 'mlflow-run', 'mlflow-dataset', 'model-version', 'decisions']),
    label: z.string(),
    /** For 'decisions' nodes: how many logged decisions. */
    count: z.number().int().nonnegative().optional(),
  })
  .strict();
export type LineageNode = z.infer<typeof LineageNode>;

export const LineageEdge = z.object({ from: z.string(), to: z.string(), type: z.string() }).strict();
export type LineageEdge = z.infer<typeof LineageEdge>;

/** The part of the graph reachable from one node, upstream or downstream. */
export const LineageGraph = z
  .object({
    start: z.string(),
    direction: z.enum(['upstream', 'downstream']),
    asOf: z.string().nullable(),
    nodes: z.array(LineageNode),
    edges: z.array(LineageEdge),
    truncated: z.boolean(),
  })
  .strict();
export type LineageGraph = z.infer<typeof LineageGraph>;
