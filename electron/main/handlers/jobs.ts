import type { jobChannels } from '../../../shared/ipc/channels/jobs';
import type { HandlerMap } from './types';

export const jobHandlers: HandlerMap<keyof typeof jobChannels> = {
  'jobs:get': (request, ctx) => ctx.jobs.get(request.jobId),
  'jobs:cancel': (request, ctx) => ctx.jobs.cancel(request.jobId),
};
