/**
 * The environment the logrotate benchmarks run both sides in: what cron gives a job
 * (Debian's cron sets SHELL, PATH, HOME and LOGNAME; systemd's logrotate.service no more),
 * not the shell's of whoever runs the benchmark.
 *
 * WHY: logrotate and rotor-logrotate run from cron or a timer. The shell's environment may
 * hold variables that change what a node process does at start and that no cron job has:
 * on this VM NODE_EXTRA_CA_CERTS names the system's CA bundle, which node 20 reads and
 * parses at every start, ~90 ms (`npx tsx bench/logrotate/start-cost.ts`: 135 ms for
 * `node -e 0` in the shell's environment, 47 ms in this one). logrotate, in C, never pays
 * it, so it was counted against rotor only.
 */
import { userInfo } from "node:os";

const user = userInfo();

export const CRON_ENV: Readonly<Record<string, string>> = Object.freeze({
  SHELL: "/bin/sh",
  PATH: "/usr/bin:/bin",
  HOME: user.homedir,
  LOGNAME: user.username,
});

/** The line a benchmark prints to say so. */
export const CRON_ENV_LINE = `each side runs in cron's environment (${Object.keys(CRON_ENV).join(", ")}; PATH=${CRON_ENV.PATH}), not the shell's`;
