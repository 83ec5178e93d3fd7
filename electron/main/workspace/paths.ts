import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Files and folders inside a workspace. */
export interface WorkspacePaths {
  root: string;
  db: string;
  artifacts: string;
  packs: string;
  logs: string;
  tmp: string;
}

/** The layout of a workspace folder (docs/workspace.md). */
export function workspacePaths(root: string): WorkspacePaths {
  const dir = resolve(root);
  return {
    root: dir,
    db: join(dir, 'attest.db'),
    artifacts: join(dir, 'artifacts'),
    packs: join(dir, 'packs'),
    logs: join(dir, 'logs'),
    tmp: join(dir, 'tmp'),
  };
}

/** Tokens for live-sync servers, encrypted by the OS keychain (ciphertext only; see secrets/credential-store.ts). */
export function credentialsFile(root: string): string {
  return join(resolve(root), 'secrets', 'mlflow-credentials.json');
}

/**
 * The OS's per-user application-data folder for "Attest", as Electron's app.getPath('userData') names it,
 * computed without Electron so the CLI and the app agree.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Attest');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Attest');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Attest');
}

/** Which workspace to use: `--workspace DIR`, then ATTEST_WORKSPACE, then the default. */
export function resolveWorkspaceDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (flag) return resolve(flag);
  if (env.ATTEST_WORKSPACE) return resolve(env.ATTEST_WORKSPACE);
  return join(appDataDir(env, platform), 'workspace');
}
