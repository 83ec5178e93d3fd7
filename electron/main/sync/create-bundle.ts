import type { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import type { OpenLineageEvent } from '../../../shared/schemas/lineage';
import type { Clock } from '../core/clock';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { type BundleMemberInput, writeBundle } from './bundle-writer';
import { MlflowClient, type MlflowClientOptions } from './mlflow-client';
import { type MarquezOptions, readMarquezEvents } from './marquez';
import { readMlflowState } from './mlflow-sync';
import { readLineageFile } from './openlineage-file';

/** What `attest bundle create` packs: a live MLflow registry, OpenLineage event files and a Marquez server. */
export interface CreateBundleInput {
  mlflow: MlflowClientOptions;
  lineageFiles: string[];
  /** A Marquez server whose OpenLineage events (observed before the bundle) are packed too. */
  marquez?: MarquezOptions;
  /** Per-source counter; defaults to the observation time in whole seconds, which only grows. */
  sequence?: number;
}

/**
 * Capture a live MLflow registry (and OpenLineage events from files and a Marquez server) into a signed 'full'
 * snapshot bundle, on the connected side. Lineage events are checked like an import: one refused event refuses the
 * bundle.
 */
export async function createBundleFromMlflow(outPath: string, input: CreateBundleInput, signingKey: KeyObject, clock: Clock, job?: JobControl): Promise<BundleManifest> {
  const observedAt = toIso(clock.now());
  const client = new MlflowClient(input.mlflow);
  const state = await readMlflowState(client, undefined, job);
  const events: OpenLineageEvent[] = [];
  for (const file of input.lineageFiles) {
    const content = await readLineageFile(file);
    const first = content.rejected[0];
    if (first) {
      throw new AttestError('bad-input', `${basename(file)}, line ${first.line}: the event ${first.reason} (${content.rejected.length} refused in all).`, 'Fix or remove those events before packing them into a bundle.');
    }
    events.push(...content.accepted.map((a) => a.event));
  }
  const marquez = input.marquez ? await readMarquezEvents(input.marquez, observedAt, job) : null;
  if (marquez) events.push(...marquez.events);
  const lineageSources = [...input.lineageFiles.map((f) => basename(f)), ...(marquez ? [marquez.server] : [])];
  const members: BundleMemberInput[] = [
    { path: 'registry/registered-models.jsonl', kind: 'registered-models', records: state.models },
    { path: 'registry/model-versions.jsonl', kind: 'model-versions', records: state.versions },
    { path: 'registry/runs.jsonl', kind: 'runs', records: state.runs },
  ];
  // Only when the server has any, so a bundle of an MLflow 2 registry stays readable by builds before logged models.
  if (state.loggedModels.length > 0) members.push({ path: 'registry/logged-models.jsonl', kind: 'logged-models', records: state.loggedModels });
  for (const [sha256, bytes] of state.artifacts) members.push({ path: `artifacts/${sha256}`, kind: 'artifact', bytes });
  if (events.length > 0) members.push({ path: 'lineage/openlineage-events.jsonl', kind: 'openlineage-events', records: events });
  return writeBundle(
    outPath,
    {
      observedAt,
      sequence: input.sequence ?? Math.floor(Date.parse(observedAt) / 1000),
      scope: 'full',
      sources: { registry: client.baseUrl, ...(lineageSources.length > 0 ? { lineage: lineageSources.join(',') } : {}) },
      members,
    },
    signingKey,
  );
}
