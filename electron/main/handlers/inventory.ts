import type { inventoryChannels } from '../../../shared/ipc/channels/inventory';
import { asOfInstant } from '../../../shared/schemas/common';
import type { ArtifactIntegrity } from '../../../shared/schemas/registry';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import { readVerifiedArtifact } from '../replay/artifact-store';
import { queryInventoryPage } from '../store/inventory-page-repo';
import { listInventory } from '../store/inventory-repo';
import { readModelVersion } from '../store/model-version-repo';
import type { WorkspacePaths } from '../workspace/paths';
import type { HandlerMap } from './types';

export const inventoryHandlers: HandlerMap<keyof typeof inventoryChannels> = {
  'models:list': (request, ctx) => {
    const at = request.asOf ? asOfInstant(request.asOf) : null;
    const now = toIso(ctx.clock.now());
    return { asOf: at, generatedAt: now, models: listInventory(ctx.workspace.db, at, now) };
  },
  'models:page': (request, ctx) => {
    const at = request.asOf ? asOfInstant(request.asOf) : null;
    return { asOf: at, ...queryInventoryPage(ctx.workspace.db, at, toIso(ctx.clock.now()), request) };
  },
  'models:version': (request, ctx) => {
    const at = request.asOf ? asOfInstant(request.asOf) : null;
    const detail = readModelVersion(ctx.workspace.db, request.model, request.version, at, toIso(ctx.clock.now()));
    const integrity = checkIntegrity(ctx.workspace.paths, detail.version.artifactSha256, `${request.model} v${request.version}`);
    return { ...detail, integrity };
  },
};

/** Re-hash the stored artifact against the registry's record (the same check replay makes before every run). */
function checkIntegrity(paths: WorkspacePaths, expected: string | null, what: string): ArtifactIntegrity {
  if (!expected) return { status: 'not-recorded', message: 'The registry records no artifact hash for this version; it cannot be replayed.' };
  try {
    readVerifiedArtifact(paths, expected, what);
    return { status: 'verified', message: `The stored artifact's SHA-256 matches the registry record (${expected}).` };
  } catch (error) {
    if (error instanceof AttestError && (error.code === 'integrity' || error.code === 'not-found')) {
      return { status: error.code === 'integrity' ? 'mismatch' : 'missing', message: error.message };
    }
    throw error;
  }
}
