import { userInfo } from 'node:os';

/** Who is acting: the OS account plus the name shown in logs and packs. */
export interface Actor {
  user: string;
  displayName: string;
}

/** The current OS user; ATTEST_DISPLAY_NAME overrides the shown name. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): Actor {
  let user = env.USER ?? env.USERNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Some containers have no passwd entry for the uid; the environment name is the best we have.
  }
  return { user, displayName: env.ATTEST_DISPLAY_NAME ?? user };
}
