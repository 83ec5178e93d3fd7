import { z } from 'zod';
import { WorkspaceInfo } from '../../schemas/workspace';
import { defineChannels } from '../channel';

export const workspaceChannels = defineChannels({
  'workspace:info': { request: z.object({}).strict(), response: WorkspaceInfo },
});
