import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAttestation, listAttestations } from '../../../electron/main/governance/attestations-repo';
import { createReturnBundle } from '../../../electron/main/governance/return-bundle';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { generateSigningKeyPair, publicKeyPem } from '../../../electron/main/sync/keys';
import { TEST_ACTOR, freshMain, insertModelVersion, insertSnapshot } from '../../support/governance-workspace';

const AT = '2026-03-02T08:00:00.000Z';

describe('return bundle through the real importer', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  function workspace() {
    const ws = freshMain((db) => insertModelVersion(db, insertSnapshot(db), 'credit-pd', '3'));
    cleanups.push(ws.cleanup);
    return ws;
  }

  it('shows the same attestations in the connected workspace, once, however often it is imported', async () => {
    const room = workspace();
    const connected = workspace();
    const roomDb = room.main.ctx.workspace.db;
    createAttestation(roomDb, TEST_ACTOR, AT, { scope: 'model_version', model: 'credit-pd', version: '3', role: 'validator', decision: 'approve-with-conditions', comment: 'Monitor income drift monthly' });
    createAttestation(roomDb, TEST_ACTOR, AT, { scope: 'model_version', model: 'credit-pd', version: '3', role: 'compliance', decision: 'approve', comment: '' });
    const { privateKey } = generateSigningKeyPair();
    const out = join(room.dir, 'return.attest');
    await createReturnBundle(roomDb, TEST_ACTOR, AT, { outPath: out, signingKey: privateKey, source: 'room-7' });
    const target = connected.main.ctx;
    trustKey(target.workspace.db, publicKeyPem(privateKey), 'room-7', TEST_ACTOR, AT);
    const summary = await importBundle({ workspace: target.workspace, clock: target.clock, actor: target.actor }, out, {});
    expect(summary.counts.attestations).toBe(2);
    await importBundle({ workspace: target.workspace, clock: target.clock, actor: target.actor }, out, {});
    const received = listAttestations(target.workspace.db);
    expect(received.map((a) => a.recordSha256)).toEqual(listAttestations(roomDb).map((a) => a.recordSha256));
    expect(received.map((a) => a.origin)).toEqual(['imported', 'imported']);
  });

  it('refuses a later bundle that carries an already-recorded sign-off with altered content, changing nothing', async () => {
    const room = workspace();
    const connected = workspace();
    const roomDb = room.main.ctx.workspace.db;
    const made = createAttestation(roomDb, TEST_ACTOR, AT, { scope: 'model_version', model: 'credit-pd', version: '3', role: 'validator', decision: 'approve', comment: 'Fit for use' });
    const { privateKey } = generateSigningKeyPair();
    const first = join(room.dir, 'first.attest');
    await createReturnBundle(roomDb, TEST_ACTOR, AT, { outPath: first, signingKey: privateKey, source: 'room-7' });
    const target = connected.main.ctx;
    const deps = { workspace: target.workspace, clock: target.clock, actor: target.actor };
    trustKey(target.workspace.db, publicKeyPem(privateKey), 'room-7', TEST_ACTOR, AT);
    await importBundle(deps, first, {});
    // A second room signs a bundle whose record reuses the uid with a different decision.
    const forged = workspace();
    forged.main.ctx.workspace.db
      .prepare(
        `INSERT INTO attestation (attestation_uid, scope, model_name, model_version, role, decision, comment, actor, actor_name, created_at)
         VALUES (?, 'model_version', 'credit-pd', '3', 'validator', 'reject', 'Fit for use', ?, ?, ?)`,
      )
      .run(made.record.attestationUid, TEST_ACTOR.user, TEST_ACTOR.displayName, AT);
    const second = join(forged.dir, 'second.attest');
    await createReturnBundle(forged.main.ctx.workspace.db, TEST_ACTOR, '2026-03-03T08:00:00.000Z', { outPath: second, signingKey: privateKey, source: 'room-7' });
    const before = listAttestations(target.workspace.db);
    await expect(importBundle(deps, second, {})).rejects.toThrow(/already recorded here with different content/);
    expect(listAttestations(target.workspace.db)).toEqual(before);
  });
});
