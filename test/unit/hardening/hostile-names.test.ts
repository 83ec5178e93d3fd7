import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { sampleBundleContent } from '../../support/fixtures';
import { runAttest } from '../../support/cli';
import { TRUSTED_KEY, makeHardeningWorkspace } from '../../support/hardening';

// Names a registry may legitimately hold, chosen to break naive SQL, HTML and bidi handling.
const MODEL = "pd'); DROP TABLE model_version;--";
const OWNER = '<img src=x onerror=alert(1)> risk@bank';
const USE_CASE = '\u202Eتسجيل الائتمان\u202C credit';

/** The sample bundle with its model renamed and its owner and use case replaced. */
function hostileContent(): ReturnType<typeof sampleBundleContent> {
  const content = sampleBundleContent();
  const renamed = JSON.stringify(content.members.filter((m) => m.kind !== 'artifact').map((m) => ('records' in m ? [...(m.records as unknown[])] : [])))
    .replaceAll('"credit-pd"', JSON.stringify(MODEL))
    .replaceAll('"risk-models@bank"', JSON.stringify(OWNER))
    .replaceAll('"retail credit"', JSON.stringify(USE_CASE));
  const records = JSON.parse(renamed) as unknown[][];
  let i = 0;
  return { ...content, members: content.members.map((m) => (m.kind === 'artifact' ? m : { ...m, records: records[i++] ?? [] })) };
}

describe('names with SQL, HTML and right-to-left characters', () => {
  let env: ReturnType<typeof makeHardeningWorkspace>;
  beforeAll(async () => {
    env = makeHardeningWorkspace();
    const bundle = join(env.root, 'hostile.attest');
    await writeBundle(bundle, hostileContent(), TRUSTED_KEY);
    const imported = runAttest(['import', bundle, '--workspace', env.ws]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => env.cleanup());

  it('are stored and listed verbatim by `attest models --json` (no SQL ran, nothing escaped or reordered)', () => {
    const listed = runAttest(['models', '--json', '--workspace', env.ws]);
    expect(listed.code, listed.stderr).toBe(0);
    const { models } = JSON.parse(listed.stdout) as { models: { name: string; owner: string | null; useCase: string | null; versions: unknown[] }[] };
    expect(models.map((m) => [m.name, m.owner, m.useCase, m.versions.length])).toEqual([[MODEL, OWNER, USE_CASE, 2]]);
  });

  it('appear as text in a generated pack (pdftotext), the markup shown, not interpreted', () => {
    const out = join(env.root, 'pack.pdf');
    const made = runAttest(['pack', '--kind', 'model-risk', '--model', MODEL, '--version', '1', '--out', out, '--workspace', env.ws]);
    expect(made.code, made.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(MODEL);
    expect(text).toContain(OWNER);
    expect(text).toContain('تسجيل');
  });
});
