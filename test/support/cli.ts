import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'bin', 'attest.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built `attest` command (dist/ is built by the unit global setup) as a user would. */
export function runAttest(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ATTEST_WORKSPACE: '', ...env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
