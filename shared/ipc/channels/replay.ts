import { z } from 'zod';
import { JobRef } from '../../schemas/jobs';
import {
  DecisionDetail,
  DecisionReplay,
  DecisionSearchRequest,
  DecisionSummary,
  ModelVersionRef,
  ReplayBatchRequest,
  ReplayDecisionRequest,
  ReplayHistoryRequest,
  SetToleranceRequest,
  TolerancePolicy,
} from '../../schemas/replay';
import { defineChannels } from '../channel';

/** The Replay screen: find decisions, replay one or a batch (a job), read past replays, manage tolerance. */
export const replayChannels = defineChannels({
  'decisions:search': { request: DecisionSearchRequest, response: z.array(DecisionSummary) },
  'decisions:get': { request: z.object({ decisionId: z.string().min(1) }).strict(), response: DecisionDetail },
  'replay:decision': { request: ReplayDecisionRequest, response: DecisionReplay },
  'replay:batch': { request: ReplayBatchRequest, response: JobRef },
  'replay:history': { request: ReplayHistoryRequest, response: z.array(DecisionReplay) },
  'replay:tolerance': { request: ModelVersionRef, response: TolerancePolicy },
  'replay:set-tolerance': { request: SetToleranceRequest, response: TolerancePolicy },
});
