import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary } from '../../../shared/schemas/sync';
import type { WorkspaceInfo } from '../../../shared/schemas/workspace';
import { currentActor } from '../../main/core/actor';
import { toIso } from '../../main/core/clock';
import { AttestError } from '../../main/core/errors';
import { createMain } from '../../main/main-context';
import { trustKey } from '../../main/store/trust-repo';
import { importBundle } from '../../main/sync/import-bundle';
import { findDemoSource } from '../../main/workspace/demo-source';
import { resolveWorkspaceDir, workspacePaths } from '../../main/workspace/paths';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson } from '../format';
import { cliJobControl } from '../progress';
import { call } from '../with-main';

const DEMO_KEY_LABEL = 'Attest demo bank (demo key, not for production data)';

/** `attest demo`: create the demo workspace from resources/demo/ through the ordinary signed-bundle import. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create the demo workspace (a fictional bank, a year of history) and print what it holds.',
  usage: 'attest demo [--workspace DIR] [--json] [--if-new]',
  options: { ...workspaceOption, ...jsonOption, 'if-new': { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const dir = resolveWorkspaceDir(stringFlag(args, 'workspace'), io.env);
    const paths = workspacePaths(dir);
    if (booleanFlag(args, 'if-new') && existsSync(paths.db)) {
      io.stdout(`Workspace ${paths.root} already exists; left as it is.\n`);
      return 0;
    }
    assertUsableForDemo(paths.root, paths.db);
    const source = findDemoSource(io.env);
    const main = createMain({ workspaceDir: dir, create: true, lockFor: 'attest demo', actor: currentActor(io.env) });
    try {
      const deps = { workspace: main.ctx.workspace, clock: main.ctx.clock, actor: main.ctx.actor };
      trustKey(main.ctx.workspace.db, source.publicKeyPem, DEMO_KEY_LABEL, main.ctx.actor, toIso(main.ctx.clock.now()));
      const job = cliJobControl(io);
      const lines: string[] = [];
      for (const bundle of source.index.bundles) {
        lines.push(describeImport(bundle.file, await importBundle(deps, join(source.dir, bundle.file), {}, job)));
      }
      const info = await call(main, 'workspace:info', {});
      io.stdout(booleanFlag(args, 'json') ? formatJson(info) : describe(source.index.bank, info, lines));
      return 0;
    } finally {
      main.close();
    }
  },
};

/** The demo goes into a new folder, an empty one, or an existing workspace (re-import changes nothing). */
function assertUsableForDemo(root: string, db: string): void {
  if (!existsSync(root) || existsSync(db)) return;
  if (readdirSync(root).length > 0) {
    throw new AttestError(
      'bad-input',
      `${root} is not empty and is not an Attest workspace.`,
      'Give `attest demo` a new or empty folder, so nothing of yours is mixed with the demo.',
    );
  }
}

function describe(bank: string, info: WorkspaceInfo, lines: string[]): string {
  const c = info.counts;
  return [
    `Demo workspace for ${bank} at ${info.root}`,
    '',
    'Imported signed snapshot bundles:',
    ...lines,
    '',
    `Holds ${c.models} registered models, ${c.versions} versions, ${c.runs} runs, ${c.datasets} datasets,`,
    `${c.lineageEvents} lineage events, ${c.decisions.toLocaleString('en')} logged decisions, ${c.artifacts} artifacts, ${c.snapshots} snapshots.`,
    '',
    `Next: attest models --workspace ${info.root}    or    attest serve --workspace ${info.root}`,
    '',
  ].join('\n');
}

function describeImport(file: string, summary: ImportSummary): string {
  const head = `  ${file}  snapshot ${summary.snapshotId}, observed ${summary.observedAt.slice(0, 10)}, ${summary.verification}`;
  if (summary.alreadyImported) return `${head}: already imported, nothing changed`;
  const c = summary.counts;
  return `${head}: ${c.modelVersions} version states, ${c.runs} runs, ${c.decisions.toLocaleString('en')} decisions, ${c.artifacts} artifacts`;
}
