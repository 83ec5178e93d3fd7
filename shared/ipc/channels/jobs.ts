import { z } from 'zod';
import { JobStatus } from '../../schemas/jobs';
import { defineChannels } from '../channel';

export const jobChannels = defineChannels({
  'jobs:get': { request: z.object({ jobId: z.string() }).strict(), response: JobStatus },
  'jobs:cancel': { request: z.object({ jobId: z.string() }).strict(), response: JobStatus },
});
