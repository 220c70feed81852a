/**
 * startShellServer with real bash: answers in the order asked, null once the loop is gone,
 * a close that waits for the loop (and kills one that does not end), and an idle server that
 * keeps no process alive.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startShellServer } from "../../src/rotate/shell-server.js";

/** Answers each NUL-ended request with its text reversed (a request may hold newlines). */
const REVERSER = `while IFS= read -r -d '' text; do printf '%s\\n' "$(printf '%s' "$text" | rev | tr '\\n' ' ')"; done`;

describe("startShellServer", () => {
  it("answers requests in the order they were asked, several in flight", async () => {
    const server = startShellServer(REVERSER, []);
    const answers = await Promise.all(["abc", "with space", "two\nlines", ""].map((text) => server.ask(`${text}\0`)));
    expect(answers).toEqual(["cba", "ecaps htiw", "owt senil", ""]);
    await server.close(5000);
  });

  it("passes its arguments as $0, $1, ...", async () => {
    const server = startShellServer(`read -r -d '' _; echo "$0|$1"`, ["first arg", "-x"]);
    expect(await server.ask("go\0")).toBe("first arg|-x");
    await server.close(5000);
  });

  it("answers null for what a loop that has exited owes, and for anything asked after", async () => {
    const server = startShellServer(`read -r -d '' _; exit 0`, []);
    expect(await server.ask("first\0")).toBeNull();
    expect(await server.ask("second\0")).toBeNull();
    await server.close(5000);
  });

  it("closes a loop that ends at its input's end, and kills one that does not", async () => {
    const ending = startShellServer(REVERSER, []);
    expect(await ending.ask("x\0")).toBe("x");
    await ending.close(5000);
    expect(await ending.ask("y\0")).toBeNull();
    // Ignores the end of its input: only the kill after the grace ends it.
    const stuck = startShellServer(`exec sleep 1000`, []);
    await stuck.close(50);
    expect(await stuck.ask("z\0")).toBeNull();
  });

  it("reads an answer written just before the loop exits", async () => {
    const servers = Array.from({ length: 40 }, () => startShellServer(`read -r -d '' _; echo last; exit 0`, []));
    expect(await Promise.all(servers.map((server) => server.ask("go\0")))).toEqual(servers.map(() => "last"));
  });

  it("answers what is owed when closed, and null for anything asked after", async () => {
    const server = startShellServer(REVERSER, []);
    const owed = server.ask("abc\0");
    const closed = server.close(5000);
    expect(await server.ask("late\0")).toBeNull();
    expect(await owed).toBe("cba");
    await closed;
  });

  it("runs no function exported by the caller's environment in place of a program", async () => {
    const name = "BASH_FUNC_rotor_probe%%";
    process.env[name] = "() {  echo shadowed\n}";
    try {
      const server = startShellServer(`read -r -d '' _; type rotor_probe >/dev/null 2>&1 && echo defined || echo undefined`, []);
      expect(await server.ask("go\0")).toBe("undefined");
      await server.close(5000);
    } finally {
      delete process.env[name];
    }
  });

  it("never keeps its process alive while idle", () => {
    // A process that asks once and then has nothing left to do must exit by itself.
    const script = `import { startShellServer } from "./src/rotate/shell-server.ts";
      const server = startShellServer(${JSON.stringify(REVERSER)}, []);
      console.log(await server.ask("olleh\\0"));`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.stdout.trim()).toBe("hello");
    expect(child.status).toBe(0);
  });
});
