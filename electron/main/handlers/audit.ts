import { resolve } from 'node:path';
import type { auditChannels } from '../../../shared/ipc/channels/audit';
import { toIso } from '../core/clock';
import { exportAuditLog } from '../governance/audit-export';
import { listAuditEvents } from '../governance/audit-query';
import { verifyAuditLog } from '../governance/audit-verify';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<keyof typeof auditChannels> = {
  'audit:list': (request, ctx) => listAuditEvents(ctx.workspace.db, request),
  'audit:verify': (request, ctx) => verifyAuditLog(ctx.workspace.db, request.expectHead),
  'audit:export': (request, ctx) =>
    exportAuditLog(ctx.workspace.db, resolve(request.outPath), ctx.actor, toIso(ctx.clock.now())),
};
