import type Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { AttestError } from '../core/errors';
import { openDatabase } from '../store/connection';
import { type WorkspacePaths, workspacePaths } from './paths';

/** An open workspace: its folder layout and its one database connection. */
export interface Workspace {
  paths: WorkspacePaths;
  db: Database.Database;
  /** The better-sqlite3 binding this process loads (the Electron build in the app); every connection uses it. */
  nativeBinding?: string;
  /** Another connection to the workspace database, with the same binding (for transactions that span awaits). */
  connect(options?: { readonly?: boolean }): Database.Database;
  close(): void;
}

export interface OpenWorkspaceOptions {
  create?: boolean;
  nativeBinding?: string;
}

/** Open (or with `create`, initialise) the workspace in `dir`. */
export function openWorkspace(dir: string, options: OpenWorkspaceOptions = {}): Workspace {
  const paths = workspacePaths(dir);
  assertUsableFolder(paths, options.create ?? false);
  if (options.create) {
    for (const folder of [paths.root, paths.artifacts, paths.packs, paths.logs, paths.tmp]) {
      mkdirSync(folder, { recursive: true });
    }
  } else if (!existsSync(paths.db)) {
    throw new AttestError(
      'bad-input',
      `${paths.root} is not an Attest workspace (it has no attest.db).`,
      'Create a workspace with `attest demo --workspace DIR`, or point --workspace at an existing one.',
    );
  }
  const db = openDatabase(paths.db, {
    create: options.create ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  return {
    paths,
    db,
    ...binding,
    connect: (more = {}) => openDatabase(paths.db, { ...binding, ...(more.readonly ? { readonly: true } : {}) }),
    close: () => db.close(),
  };
}

function assertUsableFolder(paths: WorkspacePaths, create: boolean): void {
  if (!existsSync(paths.root)) {
    if (create) return;
    throw new AttestError(
      'bad-input',
      `Workspace folder ${paths.root} does not exist.`,
      'Create one with `attest demo --workspace DIR`, or check the path.',
    );
  }
  if (!statSync(paths.root).isDirectory()) {
    throw new AttestError('bad-input', `${paths.root} is a file, not a workspace folder.`, 'Give --workspace a folder.');
  }
  try {
    accessSync(paths.root, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw new AttestError(
      'bad-input',
      `Workspace folder ${paths.root} cannot be read and written by this user.`,
      'Fix its permissions or choose another workspace.',
    );
  }
}

/** Everything a handler needs, passed explicitly so handlers are plain functions. */
export interface AppContext {
  workspace: Workspace;
  clock: Clock;
  actor: Actor;
}
