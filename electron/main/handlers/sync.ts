import type { syncChannels } from '../../../shared/ipc/channels/sync';
import { asOfInstant } from '../../../shared/schemas/common';
import { toIso } from '../core/clock';
import { diffSnapshots } from '../store/history-diff';
import { listSnapshots } from '../store/history-repo';
import { walkLineage } from '../store/lineage-query';
import { listTrustedKeys, trustKey } from '../store/trust-repo';
import { detectImportKind, importPath } from '../sync/import-path';
import { AUDIT_ACTIONS, appendAuditEvent } from '../governance/audit-log';
import { syncMlflow } from '../sync/mlflow-sync';
import { verifyBundle } from '../sync/verify-bundle';
import type { HandlerMap } from './types';

const UNSIGNED_SOURCE_TEXT = {
  'mlflow-export': 'An mlflow-export-import export. It carries no signature: it is checked field by field as it is imported, and its snapshot is marked "not signed at the source".',
  openlineage: 'OpenLineage events. They carry no signature: each event is checked against the OpenLineage 2-0-2 schema as it is imported (a bad event refuses the file, naming its line), and the snapshot is marked "not signed at the source".',
} as const;

export const syncHandlers: HandlerMap<keyof typeof syncChannels> = {
  'keys:list': (_request, ctx) => listTrustedKeys(ctx.workspace.db),
  'keys:trust': (request, ctx) =>
    trustKey(ctx.workspace.db, request.publicKeyPem, request.label, ctx.actor, toIso(ctx.clock.now())),
  'import:verify': async (request, ctx) => {
    const kind = await detectImportKind(request.path);
    if (kind === 'bundle') return { kind, ...(await verifyBundle(ctx.workspace.db, request.path, request.allowUnverified)) };
    return { kind, path: request.path, message: UNSIGNED_SOURCE_TEXT[kind] };
  },
  'import:start': (request, ctx) =>
    ctx.jobs.start('import', (job) =>
      importPath({ workspace: ctx.workspace, clock: ctx.clock, actor: ctx.actor }, request.path, { allowUnverified: request.allowUnverified }, job),
    ),
  'sync:mlflow': (request, ctx) => {
    // Credentials are resolved before the job starts, so an unreadable saved token is refused at once.
    const options = { url: request.url, ...ctx.credentials.credentialsFor(request.url), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}), ...(request.full ? { full: true } : {}) };
    return ctx.jobs.start('sync', (job) => syncMlflow({ workspace: ctx.workspace, clock: ctx.clock, actor: ctx.actor }, options, job));
  },
  'credentials:status': (request, ctx) => ctx.credentials.status(request.url),
  'credentials:save': (request, ctx) => {
    const at = toIso(ctx.clock.now());
    const signIn = 'token' in request ? { token: request.token } : { username: request.username, password: request.password };
    const status = ctx.credentials.save(request.url, signIn, ctx.actor.user, at);
    // Who configured access to which server is governance evidence; the secret (and username) is never recorded.
    appendAuditEvent(ctx.workspace.db, ctx.actor, at, { action: AUDIT_ACTIONS.credentialSaved, objectType: 'mlflow-server', objectId: status.server, details: { backend: status.saved?.backend ?? null, kind: status.saved?.kind ?? null } });
    return status;
  },
  'credentials:forget': (request, ctx) => {
    const result = ctx.credentials.forget(request.url);
    if (result.removed) {
      appendAuditEvent(ctx.workspace.db, ctx.actor, toIso(ctx.clock.now()), { action: AUDIT_ACTIONS.credentialForgotten, objectType: 'mlflow-server', objectId: result.status.server });
    }
    return result;
  },
  'snapshots:list': (_request, ctx) => listSnapshots(ctx.workspace.db),
  'lineage:walk': (request, ctx) =>
    walkLineage(ctx.workspace.db, request.node, request.direction, request.asOf ? asOfInstant(request.asOf) : null),
  'history:diff': (request, ctx) => diffSnapshots(ctx.workspace.db, request.from, request.to),
};
