import { z } from 'zod';
import { AsOf } from '../../schemas/common';
import { CredentialStatus } from '../../schemas/credentials';
import { JobRef } from '../../schemas/jobs';
import { LineageGraph } from '../../schemas/lineage';
import { HistoryDiff, ImportPreview, SnapshotInfo, SnapshotRef, TrustKeyResult, TrustedKey } from '../../schemas/sync';
import { defineChannels } from '../channel';

const ImportRequest = z
  .object({
    /** A bundle file (and, as the importers grow, an mlflow-export-import folder or OpenLineage file). */
    path: z.string().min(1),
    allowUnverified: z.boolean().default(false),
  })
  .strict();

const ServerRequest = z.object({ url: z.string().min(1).max(2048) }).strict();

/** Trust store, import (verify first, then a job whose result is an ImportSummary) and snapshot history. */
export const syncChannels = defineChannels({
  'keys:list': { request: z.object({}).strict(), response: z.array(TrustedKey) },
  'keys:trust': {
    request: z.object({ publicKeyPem: z.string().min(1), label: z.string().default('') }).strict(),
    response: TrustKeyResult,
  },
  'import:verify': { request: ImportRequest, response: ImportPreview },
  'import:start': { request: ImportRequest, response: JobRef },
  /** Live sync; credentials come from the OS keychain (saved token) or main's environment, never from the request. */
  'sync:mlflow': {
    /** `full`: ignore the incremental cursor and re-read every model's versions. */
    request: z.object({ url: z.string().min(1), timeoutMs: z.number().int().positive().max(600_000).optional(), full: z.boolean().optional() }).strict(),
    response: JobRef,
  },
  /** What a sync to this server would send, and whether a token can be saved here; never the secret itself. */
  'credentials:status': { request: ServerRequest, response: CredentialStatus },
  /** Save a token for a server in the OS keychain (write-only: the answer never holds it); refused without one. */
  'credentials:save': {
    // A bearer token, or a username and password for MLflow's basic auth.
    request: z.union([
      z.object({ url: z.string().min(1).max(2048), token: z.string().min(1).max(16_384) }).strict(),
      z.object({ url: z.string().min(1).max(2048), username: z.string().min(1).max(1024), password: z.string().min(1).max(16_384) }).strict(),
    ]),
    response: CredentialStatus,
  },
  'credentials:forget': { request: ServerRequest, response: z.object({ removed: z.boolean(), status: CredentialStatus }).strict() },
  'snapshots:list': { request: z.object({}).strict(), response: z.array(SnapshotInfo) },
  'lineage:walk': {
    request: z.object({ node: z.string().min(3), direction: z.enum(['upstream', 'downstream']), asOf: AsOf.optional() }).strict(),
    response: LineageGraph,
  },
  'history:diff': { request: z.object({ from: SnapshotRef, to: SnapshotRef }).strict(), response: HistoryDiff },
});
