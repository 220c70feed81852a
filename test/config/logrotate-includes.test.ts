/**
 * `include` of files and directories, the taboo lists, refused config files and include
 * cycles, on the in-memory reader. Behaviour as observed with `logrotate -d` 3.21.
 */
import { describe, expect, it } from "vitest";
import { blocks, MAIN, messages, parse } from "./support/parse.js";

const block = (name: string, body = "") => `/var/log/${name}.log {\n${body}}\n`;

describe("include", () => {
  it("reads a directory's regular files in byte order, skipping taboo names and other entries", () => {
    const result = parse("include /etc/lr.d\n", {
      "/etc/lr.d/b.conf": block("b"),
      "/etc/lr.d/a.conf": block("a"),
      "/etc/lr.d/B.conf": block("B"),
      "/etc/lr.d/.hidden": block("hidden"),
      "/etc/lr.d/c.rpmsave": block("c"),
      "/etc/lr.d/d~": block("d"),
      "/etc/lr.d/e.disabled": block("e"),
      "/etc/lr.d/g.rhn-cfg-tmp-abc": block("g"),
      "/etc/lr.d/h.dpkg-old": block("h"),
      "/etc/lr.d/fifo": { kind: "other" },
      "/etc/lr.d/sub/x.conf": block("x"),
    });
    expect(blocks(result)).toEqual([["/var/log/hidden.log"], ["/var/log/B.log"], ["/var/log/a.log"], ["/var/log/b.log"]]);
    expect(result.model.files).toEqual([MAIN, "/etc/lr.d/.hidden", "/etc/lr.d/B.conf", "/etc/lr.d/a.conf", "/etc/lr.d/b.conf"]);
    expect([...result.errors, ...result.warnings]).toEqual([]);
  });

  it.each([
    ["tabooext .bak", ["b.conf", "d.rpmsave"]],
    ["tabooext + .bak", ["b.conf"]],
    ["tabooext +.bak", ["b.conf"]],
    ["tabooext .x, .bak", ["b.conf", "d.rpmsave"]],
    ["tabooext .x,.bak", ["b.conf", "d.rpmsave"]],
    ["tabooext .BAK", ["b.conf", "c.bak", "d.rpmsave"]],
    ["tabooext bak", ["b.conf", "d.rpmsave"]],
    ["tabooext *", []],
    ["taboopat *.bak", ["b.conf", "d.rpmsave"]],
    ["taboopat + *.bak", ["b.conf"]],
    ["taboopat b.c??f *.bak", ["d.rpmsave"]],
    // One list: taboopat without + replaces the extensions too, defaults included.
    ["tabooext + .conf\ntaboopat a*", ["b.conf", "c.bak", "d.rpmsave"]],
  ])("applies `%s` to the files included after it", (taboo, read) => {
    const result = parse(`${taboo}\ninclude /etc/lr.d\n`, { "/etc/lr.d/b.conf": block("b"), "/etc/lr.d/c.bak": block("c"), "/etc/lr.d/d.rpmsave": block("d") });
    expect(result.model.files.slice(1).map((file) => file.slice("/etc/lr.d/".length))).toEqual(read);
  });

  it("keeps the taboo list in the model, tabooext items as `*ext`", () => {
    expect(parse("tabooext .a\ntaboopat + b* ,c\n").model.taboo).toEqual(["*.a", "b*", "c"]);
  });

  it("warns about tabooext without a value and goes on", () => {
    const result = parse("tabooext\n" + block("a"));
    expect(result.warnings.map((w) => w.logrotate)).toEqual(["argument expected after tabooext"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("carries globals set in an included file into the including file", () => {
    const result = parse("include /etc/inc\n" + block("a"), { "/etc/inc": "rotate 7\ncompress\n" });
    expect(result.model.logs[0]!.settings).toMatchObject({ keep: 7, compress: "gzip" });
  });

  it("applies an included file's directives to the block it is included in", () => {
    const result = parse(block("a", "  include /etc/inc\n") + block("b"), { "/etc/inc": "rotate 7\n" });
    expect(result.model.logs.map((log) => log.settings.keep)).toEqual([7, 0]);
  });

  it("expands ~/ in include paths", () => {
    const result = parse("include ~/lr.conf\n", { "/home/me/lr.conf": block("a") }, { homedir: "/home/me" });
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("resolves a relative include against the working directory", () => {
    expect(blocks(parse("include lr.d\n", { "/srv/lr.d/a": block("a") }, { cwd: "/srv" }))).toEqual([["/var/log/a.log"]]);
  });

  it("reports a missing include as an error and goes on", () => {
    const result = parse("include /etc/nope\n" + block("a"));
    expect(messages(result.errors)).toEqual(["/etc/lr.conf:1:9: Cannot read `/etc/nope`: No such file or directory; fix the path, or remove the include"]);
    expect(result.errors[0]!.logrotate).toBe("cannot stat /etc/nope: No such file or directory");
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("stops reading the file at an include without a path", () => {
    const result = parse("include\n" + block("a"));
    expect(result.errors.map((e) => e.logrotate)).toEqual(["argument expected after include"]);
    expect(result.model.logs).toEqual([]);
  });

  it("undoes the globals of an included file that fails, keeps its blocks, and goes on", () => {
    const result = parse(block("a") + "include /etc/inc\n" + block("c"), { "/etc/inc": "rotate 7\n" + block("b", " rotate 2\n") + "rotate abc\n" + block("d") });
    expect(result.errors.map((e) => [e.file, e.line, e.logrotate])).toEqual([["/etc/inc", 5, "bad rotation count 'abc'"]]);
    expect(result.model.logs.map((log) => [log.patterns[0]!.path, log.settings.keep])).toEqual([
      ["/var/log/a.log", 0],
      ["/var/log/b.log", 2],
      ["/var/log/c.log", 0],
    ]);
  });

  it("refuses an include cycle at once, naming the chain", () => {
    const result = parse("include /etc/inc\n" + block("a"), { "/etc/inc": "include /etc/lr.conf\n" });
    expect(messages(result.errors)).toEqual(["/etc/inc:1:9: `include /etc/lr.conf` makes a cycle: /etc/lr.conf → /etc/inc → /etc/lr.conf; remove one of the includes in the cycle"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("refuses includes nested deeper than logrotate's 16 levels", () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/etc/i${i}`, `include /etc/i${i + 1}\n`]));
    const result = parse("include /etc/i0\n", files);
    expect(result.errors.map((e) => [e.code, e.file])).toEqual([["ERR_CONFIG_INCLUDE_DEPTH", "/etc/i15"]]);
  });

  it("reads an empty file as nothing", () => {
    expect([...parse("include /etc/empty\n", { "/etc/empty": "" }).warnings]).toEqual([]);
  });
});

describe("config files others could change", () => {
  it.each([0o664, 0o646, 0o666, 0o660, 0o602, 0o620, 0o775])("ignores a file of mode %o with a warning, as logrotate run by root", (mode) => {
    const result = parse("include /etc/inc\n" + block("c"), { "/etc/inc": { text: block("b"), mode } });
    expect(blocks(result)).toEqual([["/var/log/c.log"]]);
    expect(result.warnings.map((w) => w.code)).toEqual(["ERR_CONFIG_DANGEROUS_MODE", "ERR_CONFIG_INSECURE_FILE"]);
    expect(result.warnings[1]!.message).toBe(
      `/etc/lr.conf:1:9: \`/etc/inc\` is writable by group or others (mode 0${mode.toString(8)}), so it was not read; run \`chmod go-w /etc/inc\`: anyone who can write it could run commands as root through its scripts`,
    );
    expect(result.warnings[1]!.logrotate).toBe("Ignoring /etc/inc because it is writable by group or others.");
  });

  it.each([0o600, 0o644, 0o640, 0o444, 0o400, 0o604])("reads a file of mode %o without a word", (mode) => {
    const result = parse("include /etc/inc\n", { "/etc/inc": { text: block("b"), mode } });
    expect(blocks(result)).toEqual([["/var/log/b.log"]]);
    expect(result.warnings).toEqual([]);
  });

  it.each([0o755, 0o700, 0o4644, 0o1644, 0o610])("reads a file of mode %o but warns that the mode is dangerous", (mode) => {
    const result = parse("include /etc/inc\n", { "/etc/inc": { text: block("b"), mode } });
    expect(blocks(result)).toEqual([["/var/log/b.log"]]);
    expect(result.warnings.map((w) => w.logrotate)).toEqual([`Potentially dangerous mode on /etc/inc: 0${mode.toString(8)}`]);
  });

  it("ignores a file owned by another user", () => {
    const result = parse("include /etc/inc\n", { "/etc/inc": { text: block("b"), uid: 65534 } });
    expect(result.model.logs).toEqual([]);
    expect(result.warnings.map((w) => w.logrotate)).toEqual(["Ignoring /etc/inc because the file owner is wrong (should be root or user with uid 0)."]);
  });

  it("refuses the main config too, and in strict mode as an error", () => {
    const result = parse(block("a"), { [MAIN]: { text: block("a"), mode: 0o666 } }, { strict: true });
    expect(result.model.logs).toEqual([]);
    expect(result.errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ["ERR_CONFIG_DANGEROUS_MODE", MAIN, 1],
      ["ERR_CONFIG_INSECURE_FILE", MAIN, 1],
    ]);
  });

  it("checks nothing when not run as root", () => {
    const result = parse("include /etc/inc\n", { "/etc/inc": { text: block("b"), mode: 0o666, uid: 1000 } }, { asRoot: false });
    expect(blocks(result)).toEqual([["/var/log/b.log"]]);
  });
});
