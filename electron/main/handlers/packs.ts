import { hostname } from 'node:os';
import { type packChannels, PackGenerated } from '../../../shared/ipc/channels/packs';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import { listPacks, packChecklist } from '../packs/checklist';
import type { Generator } from '../packs/evidence/assemble';
import { generatePack } from '../packs/generate';
import { workspaceMonitoring } from '../packs/monitoring-adapter';
import { listNarrativeHistory, saveNarrative } from '../packs/store/narrative-repo';
import { readNarratives } from '../packs/store/read-activity';
import { verifyPackFile } from '../packs/verify';
import { END_OF_TIME } from '../store/as-of';
import type { HandlerContext, HandlerMap } from './types';

/** The PDF file of a pack in the register; refuses ids the register does not hold. */
function packFileOf(ctx: HandlerContext, packId: string): string {
  const row = ctx.workspace.db.prepare('SELECT file_name FROM pack WHERE id = ?').get(packId) as { file_name: string } | undefined;
  if (!row) throw new AttestError('not-found', `No pack with id ${packId} in this workspace.`, 'Pick a pack from the list of generated packs.');
  return row.file_name;
}

function generatorOf(ctx: HandlerContext, role: string | undefined): Generator {
  return { user: ctx.actor.user, displayName: ctx.actor.displayName, role: role ?? 'unspecified', consoleVersion: ctx.appVersion, host: hostname() };
}

/** Audit-pack channels (docs/packs.md). */
export const packHandlers: HandlerMap<keyof typeof packChannels> = {
  'packs:narratives': ({ model, version }, ctx) => ({
    current: [...readNarratives(ctx.workspace.db, model, version, END_OF_TIME).values()],
    history: listNarrativeHistory(ctx.workspace.db, model, version),
  }),
  'packs:saveNarrative': (request, ctx) => saveNarrative(ctx.workspace.db, request, ctx.actor, toIso(ctx.clock.now())),
  'packs:checklist': (request, ctx) => packChecklist(ctx.workspace.db, request, workspaceMonitoring(ctx.workspace.db), generatorOf(ctx, undefined)),
  'packs:generate': ({ outFile, role, ...request }, ctx) =>
    ctx.jobs.start('pack', async (job) => {
      const generated = await generatePack(ctx.workspace.db, {
        request,
        ...(outFile ? { outFile } : {}),
        packsDir: ctx.workspace.paths.packs,
        generator: generatorOf(ctx, role),
        monitoring: workspaceMonitoring(ctx.workspace.db),
        actor: ctx.actor,
        createdAt: toIso(ctx.clock.now()),
        report: (phase, done, total, message) => {
          job.throwIfCancelled();
          job.report(phase, done, total, message);
        },
      });
      return PackGenerated.parse({ ...generated.record, pdfFile: generated.pdfFile, sidecarFile: generated.sidecarFile });
    }),
  'packs:list': ({ model, version }, ctx) => ({ packs: listPacks(ctx.workspace.db, model, version) }),
  'packs:verify': (request, ctx) =>
    verifyPackFile('packId' in request ? packFileOf(ctx, request.packId) : request.file, ctx.workspace.db),
  'packs:open': async ({ packId }, ctx) => {
    const path = packFileOf(ctx, packId);
    if (!ctx.desktop) {
      throw new AttestError('unsupported', `The browser console cannot open files on this computer; the pack is at ${path}.`, 'Open it from your file manager, or use the desktop app.');
    }
    await ctx.desktop.openPath(path);
    return { path };
  },
};
