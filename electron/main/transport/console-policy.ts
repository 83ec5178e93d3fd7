import type { Channel } from '../../../shared/ipc/contract';
import type { Dispatch } from './dispatcher';

/**
 * Requests only the command line may make. A console (the Electron renderer, or a browser on the loopback
 * transport) is the less trusted side of the app: a compromised page must not be able to have main write a
 * file at a path of its choosing. The command line runs in process, as the user, and may name any path.
 * A whole channel, or the request fields the console may not set.
 */
const COMMAND_LINE_ONLY: Partial<Record<Channel, 'channel' | readonly string[]>> = {
  'audit:export': 'channel',
  'packs:generate': ['outFile'],
};

function refusal(channel: string, payload: unknown): string | null {
  const rule = (COMMAND_LINE_ONLY as Record<string, 'channel' | readonly string[] | undefined>)[channel];
  if (rule === undefined) return null;
  if (rule === 'channel') return `${channel} writes a file at a path the caller names, so only the command line may use it.`;
  const set = typeof payload === 'object' && payload !== null ? rule.filter((field) => field in payload) : [];
  return set.length > 0 ? `${channel}: the console may not set ${set.join(', ')} (a path to write to); only the command line may.` : null;
}

/** The dispatcher as a console reaches it: the same validation, minus what only the command line may ask. */
export function consoleDispatch(dispatch: Dispatch): Dispatch {
  return async (channel, payload) => {
    const reason = refusal(channel, payload);
    if (reason === null) return dispatch(channel, payload);
    return { ok: false, error: { code: 'bad-request', message: `Request refused: ${reason}`, hint: 'Run the matching `attest` command to write outside the workspace.' } };
  };
}
