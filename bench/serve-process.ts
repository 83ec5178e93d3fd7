import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServeProcess {
  consoleUrl: string;
  stop(): Promise<void>;
}

/**
 * `attest serve` on a workspace, in a process of its own as a person runs it: the server then does not share an
 * event loop with the bench's Playwright client, whose protocol traffic delayed the console's files and answers
 * by 20-30 ms a request when both ran in one process. Resolves with the URL it prints.
 */
export function startServeProcess(workspaceDir: string, consoleDir: string): Promise<ServeProcess> {
  const cli = join(consoleDir, '..', 'cli.cjs');
  const child = spawn(process.execPath, [cli, 'serve', '--workspace', workspaceDir], {
    env: { ...process.env, ATTEST_CONSOLE_DIR: consoleDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /^Open: (\S+)$/m.exec(out)?.[1];
      if (url) resolve({ consoleUrl: url, stop: () => stop(child) });
    });
    child.once('exit', (code) => reject(new Error(`attest serve exited (${code}) before printing its URL: ${err || out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
