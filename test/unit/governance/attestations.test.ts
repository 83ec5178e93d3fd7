import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportAttestations, importAttestationRecords } from '../../../electron/main/governance/attestation-transfer';
import { createAttestation, listAttestations } from '../../../electron/main/governance/attestations-repo';
import { verifyAuditLog } from '../../../electron/main/governance/audit-verify';
import { createReturnBundle } from '../../../electron/main/governance/return-bundle';
import { readBundle } from '../../../electron/main/sync/bundle-reader';
import { generateSigningKeyPair, keyIdOf } from '../../../electron/main/sync/keys';
import { runAttest } from '../../support/governance-cli';
import { TEST_ACTOR, freshDb, freshMain, insertModelVersion, insertSnapshot } from '../../support/governance-workspace';

const AT = '2026-03-02T08:00:00.000Z';
const base = { scope: 'model_version' as const, model: 'credit-pd', version: '3', comment: '' };

describe('attestations', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  function db() {
    const f = freshDb();
    cleanups.push(f.cleanup);
    insertModelVersion(f.db, insertSnapshot(f.db), 'credit-pd', '3');
    return f.db;
  }

  it('records a sign-off with actor and time, logs it, and lists it', () => {
    const d = db();
    const a = createAttestation(d, TEST_ACTOR, AT, { ...base, role: 'validator', decision: 'approve' });
    expect(a.record).toMatchObject({ modelName: 'credit-pd', modelVersion: '3', role: 'validator', actor: 'avalidator', actorName: 'Ana Validator', createdAt: AT });
    expect(a.origin).toBe('local');
    expect(listAttestations(d, { model: 'credit-pd', version: '3' })).toEqual([a]);
    expect(listAttestations(d, { version: '4' })).toEqual([]);
    const audit = d.prepare('SELECT action, object_id FROM audit_event').all();
    expect(audit).toEqual([{ action: 'attestation recorded', object_id: 'credit-pd@3' }]);
    expect(verifyAuditLog(d).ok).toBe(true);
  });

  it('refuses unknown versions and packs, and rejections without a reason', () => {
    const d = db();
    expect(() => createAttestation(d, TEST_ACTOR, AT, { ...base, version: '9', role: 'owner', decision: 'approve' })).toThrow(/has no version 9/);
    expect(() => createAttestation(d, TEST_ACTOR, AT, { ...base, scope: 'pack', packId: 'p-1', role: 'auditor', decision: 'approve' })).toThrow(/No pack/);
    expect(() => createAttestation(d, TEST_ACTOR, AT, { ...base, role: 'compliance', decision: 'approve-with-conditions' })).toThrow(/needs a comment/);
    expect(listAttestations(d)).toEqual([]);
  });

  it('is append-only in the database', () => {
    const d = db();
    createAttestation(d, TEST_ACTOR, AT, { ...base, role: 'owner', decision: 'reject', comment: 'AUC below appetite' });
    expect(() => d.prepare(`UPDATE attestation SET decision = 'approve'`).run()).toThrow(/append-only/);
    expect(() => d.prepare('DELETE FROM attestation').run()).toThrow(/append-only/);
  });

  it('exports by date and imports idempotently by uid; a changed record is refused', () => {
    const source = db();
    createAttestation(source, TEST_ACTOR, '2026-02-01T00:00:00.000Z', { ...base, role: 'owner', decision: 'approve' });
    createAttestation(source, TEST_ACTOR, AT, { ...base, role: 'validator', decision: 'approve-with-conditions', comment: 'Recalibrate by Q3' });
    expect(exportAttestations(source, '2026-03-01')).toHaveLength(1);
    const records = exportAttestations(source);
    const target = db();
    const snapshot = insertSnapshot(target, 'return');
    expect(importAttestationRecords(target, records, snapshot, { actor: TEST_ACTOR, at: AT })).toEqual({ imported: 2, unchanged: 0 });
    expect(importAttestationRecords(target, records, snapshot)).toEqual({ imported: 0, unchanged: 2 });
    expect(listAttestations(target).map((a) => [a.record, a.origin])).toEqual(records.map((r) => [r, 'imported']));
    expect(exportAttestations(target)).toEqual([]);
    const altered = [{ ...records[0], decision: 'reject', comment: 'changed' }];
    expect(() => importAttestationRecords(target, altered, snapshot)).toThrow(/different content/);
    expect(() => importAttestationRecords(target, [{ attestationUid: 'x' }], snapshot)).toThrow(/invalid/);
  });

  it('carries sign-offs in a signed return bundle that another workspace imports with the same content', async () => {
    const source = db();
    createAttestation(source, TEST_ACTOR, AT, { ...base, role: 'compliance', decision: 'approve' });
    const { privateKey, publicKey } = generateSigningKeyPair();
    const ws = freshMain();
    cleanups.push(ws.cleanup);
    const out = join(ws.dir, 'return.attest');
    const written = await createReturnBundle(source, TEST_ACTOR, AT, { outPath: out, signingKey: privateKey, source: 'room-7' });
    expect(written.manifest).toMatchObject({ scope: 'attestations', sequence: 1 });
    const received: unknown[] = [];
    const opened = await readBundle(out, {
      trustedKey: (id) => (id === keyIdOf(publicKey) ? { key: publicKey, label: 'room-7' } : null),
      onMember: async (_member, data) => {
        let text = '';
        for await (const chunk of data) text += chunk.toString('utf8');
        received.push(...text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown));
      },
    });
    expect(opened.verification).toBe('verified');
    const target = ws.main.ctx.workspace.db;
    importAttestationRecords(target, received, insertSnapshot(target, 'return'));
    expect(listAttestations(target).map((a) => a.recordSha256)).toEqual(listAttestations(source).map((a) => a.recordSha256));
    const again = await createReturnBundle(source, TEST_ACTOR, AT, { outPath: `${out}.2`, signingKey: privateKey });
    expect(again.manifest.sequence).toBe(2);
    await expect(createReturnBundle(source, TEST_ACTOR, AT, { outPath: `${out}.3`, signingKey: privateKey, since: '2026-04-01' })).rejects.toThrow(/empty/);
  });

  it('signs off from the CLI and lists it', async () => {
    const ws = freshMain((d) => insertModelVersion(d, insertSnapshot(d), 'credit-pd', '3'));
    cleanups.push(ws.cleanup);
    ws.main.close();
    const signed = await runAttest(['signoff', '--workspace', ws.dir, '--model', 'credit-pd', '--version', '3', '--role', 'validator', '--decision', 'approve', '--comment', 'Validated per plan']);
    expect(signed).toMatchObject({ code: 0 });
    expect(signed.stdout).toMatch(/Recorded: .+ \(validator\) approve credit-pd version 3 at /);
    const bad = await runAttest(['signoff', '--workspace', ws.dir, '--model', 'credit-pd', '--version', '3', '--role', 'boss', '--decision', 'approve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--role must be one of/);
    const list = await runAttest(['signoff', 'list', '--workspace', ws.dir, '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });
});
