import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/daemon/index.js";

const AT = Date.UTC(2026, 10, 25, 2, 41, 5, 123);

describe("createLogger", () => {
  it("writes readable text lines on a terminal, quoting values with spaces", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line), format: "text", now: () => AT });
    log.info("rotated", { job: "app", log: "/var/log/my app.log", size: 10, skipped: undefined });
    expect(lines).toEqual(['2026-11-25T02:41:05.123Z info  rotated job=app log="/var/log/my app.log" size=10']);
  });

  it("writes one JSON object per line otherwise, with the same facts", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line), format: "json", now: () => AT });
    log.error("rotation-error", { job: "app", message: 'bad "thing"' });
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ time: "2026-11-25T02:41:05.123Z", level: "error", event: "rotation-error", job: "app", message: 'bad "thing"' }]);
  });

  it("drops events below its level", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line), format: "text", now: () => AT, level: "warn" });
    log.debug("a");
    log.info("b");
    log.warn("c");
    log.error("d");
    expect(lines.map((line) => line.split(/ +/)[2])).toEqual(["c", "d"]);
  });
});
