/**
 * Loading from disk: real files in a temp directory (the mode check chmods one),
 * loadRotorConfig's ConfigLoadError, and loadConfigFile choosing the format by extension.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigLoadError, createMemoryReader, createNodeReader, isRotorConfigPath } from "../../../src/config/index.js";
import { loadConfigFile, loadRotorConfig } from "../../../src/config/yaml/index.js";

const GOOD = "jobs:\n  app: { path: app.log, daily: true, keep: 3 }\n";

describe("rotor's YAML config: loading files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rotor-yaml-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string, mode = 0o644): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  }

  it("loads a YAML file from disk, resolving relative paths from its directory", () => {
    const path = write("rotor.yaml", GOOD);
    const model = loadRotorConfig(path);
    expect({ files: model.files, paths: model.logs.map((log) => log.patternText) }).toEqual({ files: [path], paths: [join(dir, "app.log")] });
  });

  it.each([0o664, 0o646, 0o666])("refuses a config file of mode %o, writable by group or others", (mode) => {
    const path = write("rotor.yaml", GOOD, mode);
    let caught: unknown;
    try {
      loadRotorConfig(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigLoadError);
    const [problem] = (caught as ConfigLoadError).errors;
    expect({ code: problem!.code, message: problem!.message }).toEqual({
      code: "ERR_CONFIG_INSECURE_FILE",
      message: `${path}:1:1: \`${path}\` is writable by group or others (mode 0${mode.toString(8)}), so it was not read; run \`chmod go-w ${path}\`: anyone who can write it could run commands through its scripts`,
    });
  });

  it("loads the same file once `chmod go-w` was run on it", () => {
    const path = write("rotor.yaml", GOOD, 0o666);
    chmodSync(path, 0o644);
    expect(loadRotorConfig(path).logs).toHaveLength(1);
  });

  it("throws one ConfigLoadError listing every problem, one per line", () => {
    const path = write("rotor.yml", "jobs:\n  a: { path: a, daily: true, keep: x }\n  b: { path: b }\n");
    const expected = [
      `${path}:2:36: Expected \`keep\` to be an integer >= -1, got \`x\` (string); write it as in \`keep: 5\``,
      `${path}:3:3: Job \`b\` has no \`keep\`; add the number of versions to keep, such as \`keep: 5\`, to the job or to \`defaults\` (0 deletes the rotated log, -1 keeps all)`,
      `${path}:3:3: Job \`b\` has no schedule and no \`size\`; add a schedule such as \`every: 1h\` or \`daily: true\`, or a \`size\` such as \`size: 10MiB\``,
    ];
    expect(() => loadRotorConfig(path)).toThrow(expected.join("\n"));
  });

  it("reports a missing file as a read error", () => {
    const path = join(dir, "missing.yaml");
    expect(() => loadRotorConfig(path)).toThrow(`${path}:1:1: Cannot read \`${path}\`: it does not exist; check the path of the config file`);
  });

  it("chooses the loader by extension: YAML for .yaml, .yml and .json, logrotate's syntax otherwise", () => {
    const yaml = write("rotor.yaml", GOOD);
    const json = write("rotor.json", JSON.stringify({ jobs: { app: { path: "/var/log/app.log", weekly: "mon", keep: 2 } } }));
    const logrotate = write("logrotate.conf", "/var/log/app.log {\n  weekly\n  rotate 2\n}\n");
    const options = { reader: createNodeReader(), asRoot: false, strict: true };
    const loaded = [yaml, json, logrotate].map((path) => loadConfigFile(path, options));
    expect(loaded.map((r) => [r.errors.length, r.model.logs[0]?.name, r.model.logs[0]?.settings.keep, r.model.logs[0]?.settings.frequency.unit, r.model.logs[0]?.settings.schedule?.kind ?? null])).toEqual([
      [0, "app", 3, "none", "calendar"],
      [0, "app", 2, "none", "calendar"],
      [0, undefined, 2, "weekly", null],
    ]);
    expect([isRotorConfigPath("/a/b.YML"), isRotorConfigPath("/etc/logrotate.d/yaml")]).toEqual([true, false]);
  });

  it("resolves a relative config path against the cwd it is given", () => {
    const reader = createMemoryReader({ "/srv/conf/rotor.yaml": GOOD });
    const { model, errors } = loadConfigFile("conf/rotor.yaml", { reader, cwd: "/srv" });
    expect({ errors, paths: model.logs.map((log) => log.patternText) }).toEqual({ errors: [], paths: ["/srv/conf/app.log"] });
  });
});
