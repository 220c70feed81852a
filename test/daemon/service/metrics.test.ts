import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { Metrics, parseMetricsAddress, serveMetrics } from "../../../src/daemon/index.js";
import { call, run, spawn, type Operation } from "../../../src/scheduler/index.js";

describe("Metrics", () => {
  it("renders counters and gauges per job in Prometheus' text format", () => {
    const metrics = new Metrics();
    metrics.declare("web");
    metrics.add("rotor_rotations_total", "app", 2);
    metrics.add("rotor_compressed_bytes_total", "app", 1234);
    metrics.set("rotor_next_rotation_timestamp_seconds", "app", 1_764_000_000);
    const text = metrics.render();
    expect(text).toContain('# TYPE rotor_rotations_total counter\nrotor_rotations_total{job="app"} 2\nrotor_rotations_total{job="web"} 0\n');
    expect(text).toContain('rotor_compressed_bytes_total{job="app"} 1234');
    expect(text).toContain('# TYPE rotor_next_rotation_timestamp_seconds gauge\nrotor_next_rotation_timestamp_seconds{job="app"} 1764000000\n');
    expect(text).not.toContain('rotor_next_rotation_timestamp_seconds{job="web"}');
  });

  it("escapes quotes, backslashes and newlines in job names", () => {
    const metrics = new Metrics();
    metrics.add("rotor_rotations_total", 'a "b"\\c\nd');
    expect(metrics.render()).toContain('rotor_rotations_total{job="a \\"b\\"\\\\c\\nd"} 1');
  });

  it("forgets every series of a job removed by a reload", () => {
    const metrics = new Metrics();
    metrics.add("rotor_rotations_total", "old");
    metrics.set("rotor_last_rotation_timestamp_seconds", "old", 5);
    metrics.forget("old");
    expect(metrics.render()).not.toContain("old");
  });
});

describe("parseMetricsAddress", () => {
  it.each([
    ["127.0.0.1:9464", { host: "127.0.0.1", port: 9464 }],
    ["[::1]:9464", { host: "::1", port: 9464 }],
    [":9464", { host: "0.0.0.0", port: 9464 }],
  ])("reads %s", (text, address) => {
    expect(parseMetricsAddress(text)).toEqual(address);
  });

  it.each(["9464", "host", "127.0.0.1:99999", "a:b"])("refuses %s with the expected form", (text) => {
    expect(() => parseMetricsAddress(text)).toThrow(`Expected \`--metrics\` to be HOST:PORT such as \`127.0.0.1:9464\`, got \`${text}\``);
  });
});

function get(port: number, path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, type: String(response.headers["content-type"]) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("serveMetrics", () => {
  it("serves /metrics over HTTP until cancelled, then closes its socket", async () => {
    const metrics = new Metrics();
    metrics.add("rotor_rotations_total", "app", 3);
    const seen = await run(function* (): Operation<{ ok: { status: number; body: string; type: string }; missing: number; after: string }> {
      let onListening!: (port: number) => void;
      const listening = new Promise<number>((resolve) => (onListening = resolve));
      const task = yield* spawn(serveMetrics(metrics, { host: "127.0.0.1", port: 0 }, (bound) => onListening(bound)));
      const port = yield* call(listening);
      const ok = yield* call(get(port, "/metrics"));
      const missing = (yield* call(get(port, "/other"))).status;
      task.cancel();
      try {
        yield* task;
      } catch {
        // cancelled, as asked
      }
      const after = yield* call(get(port, "/metrics").then(() => "still open", (error: NodeJS.ErrnoException) => error.code ?? "error"));
      return { ok, missing, after };
    });
    expect(seen.ok.status).toBe(200);
    expect(seen.ok.type).toContain("text/plain; version=0.0.4");
    expect(seen.ok.body).toContain('rotor_rotations_total{job="app"} 3');
    expect(seen.missing).toBe(404);
    expect(seen.after).toBe("ECONNREFUSED");
  });
});
