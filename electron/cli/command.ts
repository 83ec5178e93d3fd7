import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests capture it. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user presses Ctrl-C (serve waits on it; long jobs cancel on it). */
  interrupted: Promise<void>;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags and positionals of one invocation. */
export interface CommandArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * One CLI command. `name` may have several words ("bundle create"). `run` returns the exit code:
 * 0 ok, 1 a check failed, 2 bad usage or bad input, 3 cannot be done here. Errors are thrown as AttestError.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  positionals: { min: number; max: number };
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}

/** Options every workspace command takes. */
export const workspaceOption: OptionSpec = {
  workspace: { type: 'string' },
};

export const jsonOption: OptionSpec = {
  json: { type: 'boolean' },
};

/** Read a string flag (parseArgs types them loosely). */
export function stringFlag(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Read a boolean flag. */
export function booleanFlag(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}
