import { userInfo } from 'node:os';

/** Env var naming who acts, for CI jobs and shared service accounts. */
export const actorEnv = 'MLOPS_ACTOR';

/** The audit actor: the plugin's fixed `actor`, else the call's, else `$MLOPS_ACTOR`, else the OS user. */
export function resolveActor(fixed: string | undefined, fromCall: string | undefined): string {
  const chosen = fixed || fromCall || process.env[actorEnv];
  if (chosen) return chosen;
  try {
    return userInfo().username || 'unknown';
  } catch {
    // userInfo throws when the uid has no passwd entry (some containers).
    return 'unknown';
  }
}
