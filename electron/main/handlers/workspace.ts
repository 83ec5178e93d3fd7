import type { workspaceChannels } from '../../../shared/ipc/channels/workspace';
import { schemaVersionOf } from '../store/migrate';
import { countRecords, listSnapshots } from '../store/workspace-repo';
import type { HandlerMap } from './types';

export const workspaceHandlers: HandlerMap<keyof typeof workspaceChannels> = {
  'workspace:info': (_request, ctx) => {
    const { db, paths } = ctx.workspace;
    return {
      root: paths.root,
      schemaVersion: schemaVersionOf(db),
      appVersion: ctx.appVersion,
      counts: countRecords(db),
      snapshots: listSnapshots(db),
      actor: ctx.actor,
    };
  },
};
