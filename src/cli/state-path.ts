/**
 * Where rotor keeps its state file when `--state` is not given: the system's place when
 * running as root (as logrotate's /var/lib/logrotate/status), else the user's XDG state
 * directory, so that a user's daemon never needs root.
 */
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * @example
 * defaultStatePath(); // "/var/lib/rotor/status" as root, "~/.local/state/rotor/status" otherwise
 */
export function defaultStatePath(env: NodeJS.ProcessEnv = process.env, uid: number | undefined = process.getuid?.()): string {
  if (uid === 0) return "/var/lib/rotor/status";
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith("/") ? env.XDG_STATE_HOME : join(homedir(), ".local", "state");
  return join(base, "rotor", "status");
}
