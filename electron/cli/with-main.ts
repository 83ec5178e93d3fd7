import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { currentActor } from '../main/core/actor';
import { AttestError } from '../main/core/errors';
import { type Main, createMain } from '../main/main-context';
import { resolveWorkspaceDir } from '../main/workspace/paths';
import { type CommandArgs, type CommandIo, stringFlag } from './command';

/**
 * Open the workspace named by --workspace / ATTEST_WORKSPACE / the default, run `fn`, close it.
 * Commands that change the workspace pass `lockFor` (e.g. 'attest import') to hold the writer lock meanwhile.
 */
export async function withMain<T>(
  args: CommandArgs,
  io: CommandIo,
  fn: (main: Main) => Promise<T>,
  options: { create?: boolean; lockFor?: string } = {},
): Promise<T> {
  const workspaceDir = resolveWorkspaceDir(stringFlag(args, 'workspace'), io.env);
  const main = createMain({
    workspaceDir,
    actor: currentActor(io.env),
    env: io.env,
    create: options.create ?? false,
    ...(options.lockFor ? { lockFor: options.lockFor } : {}),
  });
  try {
    return await fn(main);
  } finally {
    main.close();
  }
}

/** Call a channel through the dispatcher (the same path the console takes) and unwrap the envelope. */
export async function call<C extends Channel>(main: Main, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await main.dispatch(channel, request);
  if (!result.ok) {
    throw new AttestError(result.error.code, result.error.message, result.error.hint, result.error.details);
  }
  return result.value as ResponseOf<C>;
}
