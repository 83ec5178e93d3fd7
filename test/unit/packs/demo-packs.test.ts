import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../../support/packs-pdf';
import { runAttest } from '../../support/cli';
import { makeTempDir } from '../../support/temp';

const MODEL = 'retail-credit-pd';

/** The demo's credit PD champion yields all three packs through the built CLI, with replay and monitoring in them. */
describe.skipIf(!existsSync(join(__dirname, '..', '..', '..', 'resources', 'demo', 'index.json')))('packs on the demo workspace', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ws: string;
  let version: string;
  let decision: string;

  beforeAll(() => {
    tmp = makeTempDir('attest-demo-packs-');
    ws = join(tmp.dir, 'ws');
    expect(runAttest(['demo', '--workspace', ws]).code).toBe(0);
    const db = new Database(join(ws, 'attest.db'), { readonly: true });
    const row = db.prepare(
      `SELECT v.version, d.decision_uid FROM alias_assignment a JOIN model_version v ON v.id = a.model_version_id
       JOIN registered_model m ON m.id = v.model_id JOIN decision d ON d.model_version_id = v.id
       WHERE m.name = ? AND a.alias = 'champion' AND a.valid_to IS NULL ORDER BY d.decided_at LIMIT 1`,
    ).get(MODEL) as { version: string; decision_uid: string };
    db.close();
    version = row.version;
    decision = row.decision_uid;
    expect(runAttest(['replay', '--decision', decision, '--workspace', ws]).code).toBe(0);
    expect(runAttest(['monitor', '--model', MODEL, '--version', version, '--workspace', ws]).code).toBe(0);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it.each(['eu-ai-act', 'model-risk', 'decision'] as const)('%s pack generates and verifies', (kind) => {
    const out = join(tmp.dir, `${kind}.pdf`);
    const made = runAttest(['pack', '--kind', kind, '--model', MODEL, '--version', version, '--decision', decision, '--out', out, '--workspace', ws, '--json']);
    expect(made.stderr).not.toMatch(/error/i);
    expect(made.code).toBe(0);
    expect(Number(pdfInfo(readFileSync(out)).Pages)).toBeGreaterThan(5);
    const verified = runAttest(['pack', 'verify', out, '--workspace', ws]);
    expect(verified.stdout).toContain('VERIFIED');
    expect(verified.code).toBe(0);
    const text = pdfText(readFileSync(out)).replace(/\s+/g, ' ');
    if (kind === 'decision') expect(text).toContain('Verdict: REPRODUCED');
    if (kind === 'model-risk') expect(text).toContain('Score PSI over time');
  }, 120_000);
});
