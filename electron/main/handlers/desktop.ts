import type { desktopChannels } from '../../../shared/ipc/channels/desktop';
import { AttestError } from '../core/errors';
import type { HandlerMap } from './types';

export const desktopHandlers: HandlerMap<keyof typeof desktopChannels> = {
  'desktop:chooseImport': async (_request, ctx) => {
    if (!ctx.desktop) {
      throw new AttestError('unsupported', 'File dialogs are only available in the desktop app.', 'Type the path of the file or folder to import instead.');
    }
    return { path: await ctx.desktop.chooseImportPath() };
  },
};
