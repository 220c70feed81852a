import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import Module from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseLogrotateArgs } from "../../src/cli/logrotate/arguments.js";
import { logrotateMain } from "../../src/cli/logrotate/main.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
const bin = join(root, pkg.bin["rotor-logrotate"]!);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await logrotateMain(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** A scratch directory with one log and a config for it (`extra` goes inside the block). */
function setup(extra = ""): { dir: string; conf: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), "rotor-lr-cli-"));
  dirs.push(dir);
  writeFileSync(join(dir, "app.log"), "x\n");
  writeFileSync(join(dir, "conf"), `${dir}/app.log {\n  rotate 1\n${extra}}\n`);
  return { dir, conf: join(dir, "conf"), state: join(dir, "state") };
}

describe("rotor-logrotate's command line", () => {
  it.each([
    [["-f", "-s", "/s", "c"], { force: true, state: "/s", configs: ["c"] }],
    [["-fv", "--state=/s", "a", "b"], { force: true, verbose: true, state: "/s", configs: ["a", "b"] }],
    [["-s/s", "-d", "c"], { debug: true, verbose: true, state: "/s" }],
    [["--state", "/s", "--skip-state-lock", "c"], { lock: "skip", state: "/s" }],
    [["--wait-for-state-lock", "-m", "/bin/mail", "-l", "/log", "c"], { lock: "wait", mail: "/bin/mail", log: "/log" }],
    [["-?"], { action: "help" }],
    [["--usage"], { action: "usage" }],
    [["--", "-odd-name"], { configs: ["-odd-name"] }],
  ])("parses %j as popt does", (argv, expected) => {
    expect(parseLogrotateArgs(argv)).toMatchObject(expected);
  });

  it("prints logrotate's version line first, then the defaults", async () => {
    const { code, out } = await cli("--version");
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^logrotate 3\.21\.0 \(rotor-logrotate \d+\.\d+\.\d+/);
    expect(out[0]).toContain("Default state file path:    /var/lib/logrotate/status");
  });

  it("prints help and usage with exit code 0", async () => {
    expect((await cli("--help")).out[0]).toContain("-s, --state=statefile");
    expect((await cli("--usage")).out[0]).toMatch(/^Usage: rotor-logrotate \[-dfv\?\]/);
  });

  it("exits 1 with the usage when no config is given, and 2 for an unknown option", async () => {
    const none = await cli();
    expect(none.code).toBe(1);
    expect(none.err.join("\n")).toContain("Usage: rotor-logrotate");
    expect(await cli("--bogus", "c")).toMatchObject({ code: 2, err: ["rotor-logrotate: bad argument --bogus: unknown error"] });
  });

  it("exits 3 when another process holds the state lock, and changes nothing", async () => {
    const { dir, conf, state } = setup();
    writeFileSync(`${state}.lock`, `${JSON.stringify({ pid: process.pid, host: hostname(), since: 0 })}\n`);
    const { code, err } = await cli("-f", "-s", state, conf);
    expect(code).toBe(3);
    expect(err.join("\n")).toMatch(/already locked/);
    expect(readdirSync(dir).sort()).toEqual(["app.log", "conf", "state.lock"]);
  });

  it("rotates despite a held lock with --skip-state-lock", async () => {
    const { dir, conf, state } = setup();
    writeFileSync(`${state}.lock`, `${JSON.stringify({ pid: process.pid, host: hostname(), since: 0 })}\n`);
    expect((await cli("-f", "--skip-state-lock", "-s", state, conf)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["app.log.1", "conf", "state", "state.lock"]);
  });

  it("with -d prints the plan and changes nothing, state included", async () => {
    const { dir, conf, state } = setup();
    const { code, err } = await cli("-d", "-f", "-s", state, conf);
    expect(code).toBe(0);
    expect(err[0]).toMatch(/^warning: logrotate in debug mode does nothing/);
    expect(err.join("\n")).toMatch(/^renaming .*app\.log to .*app\.log\.1$/m);
    expect(readdirSync(dir).sort()).toEqual(["app.log", "conf"]);
  });

  it("fails a mail whose -m command cannot run, in logrotate's words, and keeps the version", async () => {
    const { dir, conf, state } = setup("  mail ops@example.com\n");
    writeFileSync(join(dir, "app.log.1"), "old\n");
    const { code, err } = await cli("-f", "-m", join(dir, "no-such-mailer"), "-s", state, conf);
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/^error: mail command failed for .*app\.log\.2$/m);
    expect(readdirSync(dir).sort()).toEqual(["app.log.1", "app.log.2", "conf", "state"]);
  });

  it("also writes its messages to the -l file", async () => {
    const { dir, state } = setup();
    writeFileSync(join(dir, "conf2"), `${dir}/missing.log {\n}\n`);
    const { code } = await cli("-f", "-l", join(dir, "messages"), "-s", state, join(dir, "conf2"));
    expect(code).toBe(1);
    const messages = readFileSync(join(dir, "messages"), "utf8");
    expect(messages).toMatch(/^reading config file .*conf2\n/);
    expect(messages).toContain(`\nerror: stat of ${dir}/missing.log failed: No such file or directory\n`);
  });

  it("runs from the package's bin, the built launcher (npm run build first)", () => {
    expect(existsSync(bin), "run npm run build").toBe(true);
    expect(execFileSync(process.execPath, [bin, "--version"], { encoding: "utf8" }).split("\n")[0]).toMatch(/^logrotate 3\.21\.0 /);
  });

  it("from the package's bin, ends with the pass's exit code once everything is done and every line is out, through pipes", () => {
    const { dir, conf, state } = setup();
    const logs = join(dir, "many");
    execFileSync("mkdir", ["-p", logs]);
    const names = Array.from({ length: 300 }, (_, i) => `app${String(i).padStart(3, "0")}.log`);
    for (const name of names) writeFileSync(join(logs, name), `${name}\n`);
    writeFileSync(join(dir, "many.conf"), `${logs}/*.log {\n  daily\n  rotate 2\n  compress\n}\n`);
    // A real pass (the state's lock holder, the helper thread and the barrier all at work) with
    // a few lines per log of verbose output.
    const run = spawnSync(process.execPath, [bin, "-v", "-f", "-s", join(dir, "many-state"), join(dir, "many.conf")], { encoding: "utf8" });
    expect(run.status).toBe(0);
    const lines = run.stderr.split("\n");
    expect(lines.filter((line) => line === "compressing log with: gzip (built in)")).toHaveLength(300);
    expect(lines.at(-1)).toBe(""); // the last line whole
    expect(readdirSync(logs).sort()).toEqual(names.map((name) => `${name}.1.gz`));
    expect(readFileSync(join(dir, "many-state"), "utf8").split("\n").filter((line) => line.includes("/many/app"))).toHaveLength(300);
    expect(existsSync(join(dir, "many-state.lock"))).toBe(false);
    writeFileSync(`${state}.lock`, `${JSON.stringify({ pid: process.pid, host: hostname(), since: 0 })}\n`);
    const locked = spawnSync(process.execPath, [bin, "-f", "-s", state, conf], { encoding: "utf8" });
    expect(locked.status).toBe(3);
    expect(locked.stderr).toMatch(/already locked/);
  });

  it("runs from a bundle whose code cache, made by the build, this node accepts", () => {
    const cli = dirname(bin);
    const source = readFileSync(join(cli, "rotor-logrotate.bundle.cjs"), "utf8");
    // As the launcher compiles it (rotor-logrotate-launcher.cts).
    const script = new Script(Module.wrap(source.replace(/^#!.*/, "")), { filename: join(cli, "rotor-logrotate.bundle.cjs"), cachedData: readFileSync(join(cli, "rotor-logrotate.bundle.cache")) });
    expect(script.cachedDataRejected).toBe(false);
    // Without it, the bin still runs (compiled as usual).
    const copy = mkdtempSync(join(tmpdir(), "rotor-no-cache-"));
    dirs.push(copy);
    for (const name of [pkg.bin["rotor-logrotate"]!.split("/").pop()!, "rotor-logrotate.bundle.cjs"]) writeFileSync(join(copy, name), readFileSync(join(cli, name)));
    expect(execFileSync(process.execPath, [join(copy, "rotor-logrotate-launcher.cjs"), "--version"], { encoding: "utf8" }).split("\n")[0]).toMatch(/^logrotate 3\.21\.0 /);
  });

  it("takes a YAML config from the package's bin (the YAML loader, with CommonJS inside, is bundled behind a function run only then)", () => {
    const { dir } = setup();
    writeFileSync(join(dir, "yaml.log"), "a line\n");
    writeFileSync(join(dir, "rotor.yaml"), `jobs:\n  app: { path: ${dir}/yaml.log, daily: true, keep: 2 }\n`);
    execFileSync(process.execPath, [bin, "-f", "-s", join(dir, "yaml-state"), join(dir, "rotor.yaml")], { encoding: "utf8" });
    expect(readFileSync(join(dir, "yaml.log.1"), "utf8")).toBe("a line\n");
  });

  it("compresses hundreds of logs at once within a small limit of open files (ulimit -n 256)", () => {
    const { dir } = setup();
    const logs = join(dir, "many");
    execFileSync("mkdir", ["-p", logs]);
    const names = Array.from({ length: 600 }, (_, i) => `app${String(i).padStart(3, "0")}.log`);
    for (const name of names) writeFileSync(join(logs, name), `${name}\n`.repeat(100));
    writeFileSync(join(dir, "many.conf"), `${logs}/*.log {\n  daily\n  rotate 1\n  compress\n}\n`);
    // The batch's compressions and their barrier's fdatasyncs each hold a file open: started
    // all at once, the first batch's 512 took more descriptors than the limit (EMFILE).
    const result = execFileSync("bash", ["-c", 'ulimit -n 256 && exec "$0" "$@" 2>&1', process.execPath, bin, "-f", "-s", join(dir, "many-state"), join(dir, "many.conf")], { encoding: "utf8" });
    expect(result).toBe("");
    expect(readdirSync(logs).sort()).toEqual(names.map((name) => `${name}.1.gz`));
  });

  // A postrotate script reports its parent's (rotor-logrotate's) threads and environment.
  const probe = (env: NodeJS.ProcessEnv): { threads: number; seen: string } => {
    const { dir, conf, state } = setup('  postrotate\n    echo "$(ls /proc/$PPID/task | wc -l) [$UV_THREADPOOL_SIZE]" > "$(dirname "$1")/probe"\n  endscript\n');
    execFileSync(process.execPath, [bin, "-f", "-s", state, conf], { encoding: "utf8", env });
    const [threads, seen] = readFileSync(join(dir, "probe"), "utf8").trim().split(" ");
    return { threads: Number(threads), seen: seen! };
  };

  it("starts with a thread pool of 16, unless UV_THREADPOOL_SIZE says otherwise, and its scripts do not inherit that setting", () => {
    const { UV_THREADPOOL_SIZE: _, ...env } = process.env;
    const sized = probe(env);
    const given = probe({ ...env, UV_THREADPOOL_SIZE: "1" });
    // libuv makes the whole pool at once: 16 threads against 1, all else the same.
    expect(sized.threads - given.threads).toBe(15);
    expect(sized.seen).toBe("[]");
    expect(given.seen).toBe("[1]");
  });
});


describe("rotor once", () => {
  it("runs the same pass, strictly: an unknown directive stops it before anything is rotated", async () => {
    const { main } = await import("../../src/cli/program.js");
    const strict = setup("  bogus\n");
    const err: string[] = [];
    expect(await main(["once", "-f", "-s", strict.state, strict.conf], { out: () => {}, err: (line) => err.push(line) })).toBe(1);
    expect(err[0]).toMatch(/conf:3:3: Unknown directive `bogus`/);
    expect(readdirSync(strict.dir).sort()).toEqual(["app.log", "conf"]);
    const fine = setup();
    expect(await main(["once", "-f", "-s", fine.state, fine.conf], { out: () => {}, err: () => {} })).toBe(0);
    expect(readdirSync(fine.dir).sort()).toEqual(["app.log.1", "conf", "state"]);
  });
});
