import type { attestationChannels } from '../../../shared/ipc/channels/attestations';
import { toIso } from '../core/clock';
import { createAttestation, listAttestations } from '../governance/attestations-repo';
import type { HandlerMap } from './types';

export const attestationHandlers: HandlerMap<keyof typeof attestationChannels> = {
  'attestations:list': (request, ctx) => listAttestations(ctx.workspace.db, request),
  'attestations:create': (request, ctx) =>
    createAttestation(ctx.workspace.db, ctx.actor, toIso(ctx.clock.now()), request),
};
