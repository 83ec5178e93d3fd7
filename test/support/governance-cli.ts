import { runCli } from '../../electron/cli/run-cli';

/** Run the CLI in process against a workspace and capture what it prints. */
export async function runAttest(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { ATTEST_DISPLAY_NAME: 'Ana Validator' },
    interrupted: new Promise<void>(() => {}),
  });
  return { code, stdout, stderr };
}
