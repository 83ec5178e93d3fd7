import { z } from 'zod';
import { Attestation, AttestationCreateRequest, AttestationListRequest } from '../../schemas/governance';
import { defineChannels } from '../channel';

export const attestationChannels = defineChannels({
  /** Sign-offs, oldest first, for a model, a model version or a pack. */
  'attestations:list': { request: AttestationListRequest, response: z.array(Attestation) },
  /** Record a sign-off by the current user (append-only; logged). */
  'attestations:create': { request: AttestationCreateRequest, response: Attestation },
});
