import { OpenLineageEvent } from '../../../shared/schemas/lineage';
import { SchemaRegistry } from './json-schema';
import coreSchema from './openlineage-spec/OpenLineage.json';
import { FACET_SCHEMAS } from './openlineage-spec/facet-schemas';

type Scope = 'RunFacet' | 'JobFacet' | 'DatasetFacet' | 'InputDatasetFacet' | 'OutputDatasetFacet';

const CORE_ID = coreSchema.$id;
const registry = new SchemaRegistry();
registry.add(coreSchema);
/** scope -> facet key -> $id of the facet file that defines it. */
const facetFiles = new Map<Scope, Map<string, string>>();
for (const schema of FACET_SCHEMAS) {
  registry.add(schema);
  const doc = schema as { $id: string; properties?: Record<string, { $ref?: string }>; $defs?: Record<string, unknown> };
  for (const [key, prop] of Object.entries(doc.properties ?? {})) {
    const def = doc.$defs?.[(prop.$ref ?? '').split('/').pop() ?? ''];
    const scope = JSON.stringify(def ?? {}).match(/\$defs\/(RunFacet|JobFacet|DatasetFacet|InputDatasetFacet|OutputDatasetFacet)"/)?.[1] as Scope | undefined;
    if (!scope) continue;
    if (!facetFiles.has(scope)) facetFiles.set(scope, new Map());
    facetFiles.get(scope)?.set(key, doc.$id);
  }
}

// Matchers of integration-test templates (JSON-unit and dbt's test helpers), never real data.
const PLACEHOLDER = /\$\{json-unit\.[^}]*\}|\{\{\s*any\(.*?\)\s*\}\}/;

/** An event accepted for import, or the reason it is refused (docs/lineage.md). */
export type LineageCheck = { ok: true; event: OpenLineageEvent } | { ok: false; reason: string };

/**
 * Check one OpenLineage event: refuse test templates (placeholders instead of data), events without what lineage
 * needs (event time, run id, job), and events that break the spec (core schema 2-0-2 by event shape, then each
 * facet Attest has a schema for). Facets Attest does not know are kept as they are.
 */
export function checkLineageEvent(value: unknown): LineageCheck {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'is not a JSON object' };
  const placeholder = findPlaceholder(value, '');
  if (placeholder) return { ok: false, reason: `is a test template, not a real event: ${placeholder.path} holds the placeholder "${placeholder.text}"` };
  const e = value as Record<string, unknown>;
  const run = e.run as Record<string, unknown> | undefined;
  if (e.eventTime === undefined) return { ok: false, reason: 'has no eventTime, so it cannot be placed in history' };
  if (run !== undefined && (typeof run !== 'object' || run === null || !('runId' in run))) return { ok: false, reason: 'has a run without a runId' };
  if (e.job === undefined && e.dataset === undefined) return { ok: false, reason: 'names no job (run/job events) and no dataset (dataset events)' };
  const shape = run !== undefined ? 'RunEvent' : e.job !== undefined ? 'JobEvent' : 'DatasetEvent';
  const problem = registry.check(value, `${CORE_ID}#/$defs/${shape}`) ?? checkFacets(e);
  if (problem) return { ok: false, reason: `does not follow the OpenLineage spec (${shape}): ${problem}` };
  const parsed = OpenLineageEvent.safeParse(value);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'is not an event' };
  return { ok: true, event: parsed.data };
}

function checkFacets(e: Record<string, unknown>): string | null {
  const groups: [Scope, string, unknown][] = [
    ['RunFacet', 'run.facets', (e.run as { facets?: unknown } | undefined)?.facets],
    ['JobFacet', 'job.facets', (e.job as { facets?: unknown } | undefined)?.facets],
    ['DatasetFacet', 'dataset.facets', (e.dataset as { facets?: unknown } | undefined)?.facets],
  ];
  for (const side of ['inputs', 'outputs'] as const) {
    const list = Array.isArray(e[side]) ? (e[side] as Record<string, unknown>[]) : [];
    for (const [i, d] of list.entries()) {
      groups.push(['DatasetFacet', `${side}[${i}].facets`, d.facets]);
      groups.push(side === 'inputs' ? ['InputDatasetFacet', `${side}[${i}].inputFacets`, d.inputFacets] : ['OutputDatasetFacet', `${side}[${i}].outputFacets`, d.outputFacets]);
    }
  }
  for (const [scope, path, facets] of groups) {
    if (facets === null || typeof facets !== 'object') continue;
    for (const [key, facet] of Object.entries(facets as Record<string, unknown>)) {
      const file = facetFiles.get(scope)?.get(key);
      const problem = file ? registry.check({ [key]: facet }, `${file}#`) : null;
      if (problem) return `${path}.${problem}`;
    }
  }
  return null;
}

function findPlaceholder(value: unknown, path: string): { path: string; text: string } | null {
  if (typeof value === 'string') {
    const match = PLACEHOLDER.exec(value);
    return match ? { path: path || '(root)', text: match[0] } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findPlaceholder(child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
