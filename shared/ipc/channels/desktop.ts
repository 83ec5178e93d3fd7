import { z } from 'zod';
import { defineChannels } from '../channel';

/** What only the desktop app can do: native file dialogs. Under `attest serve` these answer 'unsupported'. */
export const desktopChannels = defineChannels({
  'desktop:chooseImport': { request: z.object({}).strict(), response: z.object({ path: z.string().nullable() }) },
});
