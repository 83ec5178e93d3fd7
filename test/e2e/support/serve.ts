import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'bin', 'attest.js');

export interface ServedConsole {
  consoleUrl: string;
  origin: string;
  stop(): Promise<void>;
}

/** `attest demo --workspace DIR`: the demo workspace a new user sees. Throws with the CLI's message on failure. */
export function createDemoWorkspace(dir: string): string {
  const result = spawnSync(process.execPath, [CLI, 'demo', '--workspace', dir], { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) throw new Error(`attest demo failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Start `attest serve` on a workspace (with `env` added to this process's environment) and wait for its URL. */
export function serveConsole(workspace: string, env: NodeJS.ProcessEnv = {}): Promise<ServedConsole> {
  const child = spawn(process.execPath, [CLI, 'serve', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`attest serve printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+)(\/\?token=\S+)/.exec(output);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve({ consoleUrl: match[1] + match[2], origin: match[1], stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`attest serve exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
