/**
 * startShellServer: a small bash loop in a child process that rotor asks things of, one
 * request at a time on its stdin, each answered with one line on its stdout.
 *
 * WHY: some things node cannot do itself are one system call for a small program (flock(2)
 * through util-linux's flock, syncfs(2) through coreutils' `sync -f`). Starting that
 * program from rotor's process forks a process of a few hundred MB each time, more than the
 * call costs. A loop started once forks only bash, which is small, to run the program for
 * each request: a `sync -f` from a node process of 300 MB took a median of 4.2–5.4 ms
 * started directly and 1.9–2.5 ms asked of a loop (`npx tsx bench/logrotate/spawn-cost.ts`,
 * three runs, this 2-vCPU VM).
 *
 * HOW: the loop is `bash --norc -c SCRIPT ARGS...`, with no start-up file and no exported
 * function of the user's (see below). Requests are answered in the order they were
 * written. The child and its pipes are ref'ed only while an answer is owed, so an idle
 * server never keeps rotor's process alive; when rotor exits, the kernel closes the pipe,
 * bash reads its end and exits. An answer owed by a server that is gone (never started: no bash; exited; its
 * stdin broken) is null.
 */
import { spawn } from "node:child_process";

/** A running loop: see startShellServer. */
export interface ShellServer {
  /** Writes `request` (as is) and resolves with the answer line (without its newline), or null when the server is gone. */
  ask(request: string): Promise<string | null>;
  /** Closes its stdin and resolves once it has exited; one that has not within `graceMs` is killed. */
  close(graceMs: number): Promise<void>;
}

/**
 * Starts `script` under bash, with `args` as its $0, $1, ...
 *
 * @example
 * const server = startShellServer('while IFS= read -r -d "" p; do [ -e "$p" ] && echo yes || echo no; done', []);
 * const answer = await server.ask("/etc/hostname\0"); // "yes"
 */
export function startShellServer(script: string, args: readonly string[]): ShellServer {
  // --norc: its stdin is a socket (node's pipes are socketpairs), which bash takes for a
  // connection from sshd, and a top-level bash (no SHLVL, as under cron) then runs ~/.bashrc
  // first: root's, with whatever it starts (here it cost a pass ~150 ms); and no BASH_ENV
  // (or ENV), which a crontab may set for its jobs; and no exported function (BASH_FUNC_*),
  // which would stand in for the program the loop runs (a `sync` that syncs nothing).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "BASH_ENV" && name !== "ENV" && !name.startsWith("BASH_FUNC_")));
  const child = spawn("bash", ["--norc", "-c", script, ...args], { stdio: ["pipe", "pipe", "ignore"], env });
  // stdin and stdout are sockets (pipes) at run time, though typed as plain streams.
  const pipes = [child.stdin, child.stdout] as unknown as Array<{ ref?: () => void; unref?: () => void }>;
  const hold = (held: boolean): void => {
    if (held) child.ref();
    else child.unref();
    for (const pipe of pipes) (held ? pipe.ref : pipe.unref)?.call(pipe);
  };
  const waiting: Array<(answer: string | null) => void> = [];
  // 'close' once it has exited and its pipes are shut; 'error' alone when it never started.
  const exited = new Promise<void>((done) => {
    child.once("close", () => done());
    child.once("error", () => done());
  });
  const gone = (): void => {
    for (const resolve of waiting.splice(0)) resolve(null);
  };
  child.once("error", gone); // no bash on this host (ENOENT)
  // 'close', not 'exit': an answer written just before it exited is still read first.
  child.once("close", gone);
  child.stdin.on("error", gone); // EPIPE: it is gone
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
      const answer = pending.slice(0, end);
      pending = pending.slice(end + 1);
      waiting.shift()?.(answer);
      if (waiting.length === 0) hold(false);
    }
  });
  hold(false);
  return {
    ask: (request) =>
      new Promise<string | null>((resolve) => {
        // Gone, or closed by us: a write now would fail, and its error would cut off what is still owed.
        if (child.exitCode !== null || child.signalCode !== null || child.stdin.destroyed || child.stdin.writableEnded) return resolve(null);
        waiting.push(resolve);
        hold(true);
        child.stdin.write(request);
      }),
    close: async (graceMs) => {
      // Kept alive until it is gone (the caller may need it gone before rotor exits: a held
      // lock); one stuck in a request (a hung NFS mount) is killed rather than waited for.
      hold(true);
      child.stdin.end();
      const stuck = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(stuck);
    },
  };
}
