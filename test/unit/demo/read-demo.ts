import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePublicKeyPem, keyIdOf } from '../../../electron/main/sync/keys';
import { readBundle } from '../../../electron/main/sync/bundle-reader';
import type { DecisionRecord, ModelVersionRecord, OutcomeRecord, RegisteredModelRecord, RunRecord } from '../../../shared/schemas/bundle';
import type { DemoIndex } from '../../../scripts/demo/generate';

/** One demo bundle's records, as the generator wrote and the signature covers them. */
export interface DemoBundle {
  file: string;
  observedAt: string;
  models: RegisteredModelRecord[];
  versions: ModelVersionRecord[];
  runs: RunRecord[];
  events: Record<string, unknown>[];
  decisions: DecisionRecord[];
  outcomes: OutcomeRecord[];
  artifacts: Map<string, Buffer>;
}

async function collect(data: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Read every bundle listed in `dir`/index.json through the product's reader, trusting only the demo key. */
export async function readDemo(dir: string): Promise<{ index: DemoIndex; bundles: DemoBundle[] }> {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as DemoIndex;
  const key = parsePublicKeyPem(readFileSync(join(dir, index.publicKey), 'utf8'), index.publicKey);
  const bundles: DemoBundle[] = [];
  for (const entry of index.bundles) {
    const path = join(dir, entry.file);
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (sha !== entry.sha256) throw new Error(`${entry.file}: index.json says ${entry.sha256}, file is ${sha}`);
    const b: DemoBundle = { file: entry.file, observedAt: entry.observedAt, models: [], versions: [], runs: [], events: [], decisions: [], outcomes: [], artifacts: new Map() };
    const lists: Record<string, unknown[]> = { 'registered-models': b.models, 'model-versions': b.versions, runs: b.runs, 'openlineage-events': b.events, decisions: b.decisions, outcomes: b.outcomes };
    const opened = await readBundle(path, {
      trustedKey: (id) => (id === keyIdOf(key) ? { key, label: 'demo' } : null),
      async onMember(member, data) {
        const bytes = await collect(data);
        if (member.kind === 'artifact') b.artifacts.set(member.sha256, bytes);
        else for (const line of bytes.toString('utf8').split('\n').filter(Boolean)) lists[member.kind]?.push(JSON.parse(line));
      },
    });
    if (opened.verification !== 'verified') throw new Error(`${entry.file} is ${opened.verification}`);
    bundles.push(b);
  }
  return { index, bundles };
}
