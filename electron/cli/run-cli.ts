import { parseArgs } from 'node:util';
import { APP_VERSION } from '../main/app-version';
import { AttestError, exitCodeFor, toErrorPayload } from '../main/core/errors';
import type { Command, CommandIo } from './command';
import { commands } from './commands';

/** Run the CLI on argv (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(helpText());
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      io.stdout(`attest ${APP_VERSION}\n`);
      return 0;
    }
    const { command, rest } = findCommand(argv);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const args = parseCommandArgs(command, rest);
    return await command.run(args, io);
  } catch (error) {
    const payload = toErrorPayload(diskFullError(error) ?? error);
    io.stderr(`attest: ${payload.message}${payload.hint ? ` ${payload.hint}` : ''}\n`);
    return exitCodeFor(payload.code);
  }
}

// SQLite says "database or disk is full" (SQLITE_FULL) and node says ENOSPC; either may arrive wrapped as an
// internal error from a job. A full disk is the machine's state, not a bug, so it gets its own sentence.
const DISK_FULL = /database or disk is full|ENOSPC|no space left on device/i;

/** A full disk as an error a person can act on (exit 3, cannot be done here), or null for any other error. */
export function diskFullError(error: unknown): AttestError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!DISK_FULL.test(message)) return null;
  return new AttestError(
    'unsupported',
    'The disk holding the workspace is full; the change was rolled back and the workspace is as it was.',
    'Free some space on that disk (or move the workspace with --workspace DIR), then run the command again.',
  );
}

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } {
  // Longest name first, so "bundle create" wins over a hypothetical "bundle".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  throw new AttestError('bad-request', `Unknown command "${argv.join(' ')}".`, 'Run `attest --help` for the list of commands.');
}

function parseCommandArgs(command: Command, rest: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's messages for unknown options carry advice about '--' that only confuses here.
    const message = (error as Error).message.split('. To specify a positional')[0]?.replace(/\.$/, '') ?? 'Bad arguments';
    throw new AttestError('bad-request', `${message}.`, `Usage: ${command.usage}`);
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new AttestError(
      'bad-request',
      `"attest ${command.name}" takes ${expected} argument(s), got ${parsed.positionals.length}.`,
      `Usage: ${command.usage}`,
    );
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return [
    `attest ${APP_VERSION}: offline model-governance console for retail banks`,
    '',
    'Usage: attest <command> [options]     attest <command> --help for its options',
    '',
    'Commands:',
    ...lines,
    '',
    'Workspace: --workspace DIR, else $ATTEST_WORKSPACE, else the per-user application-data folder.',
    'Exit codes: 0 ok, 1 a check failed, 2 bad usage or bad input, 3 cannot be done here.',
    '',
  ].join('\n');
}
