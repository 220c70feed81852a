/**
 * serveMetrics: the `--metrics HOST:PORT` endpoint, as an operation that serves until it is
 * cancelled and then closes its socket (structured concurrency: the server never outlives
 * the daemon's scope). GET /metrics renders the registry; anything else is a 404.
 */
import { createServer, type Server } from "node:http";
import { call, shield, suspend, type Operation } from "../../scheduler/index.js";
import { DaemonError } from "../errors.js";
import type { Metrics } from "./metrics.js";

export interface MetricsAddress {
  host: string;
  port: number;
}

/**
 * Parses `127.0.0.1:9464`, `[::1]:9464` or `:9464` (all interfaces).
 *
 * @example
 * parseMetricsAddress("127.0.0.1:9464"); // { host: "127.0.0.1", port: 9464 }
 */
export function parseMetricsAddress(text: string): MetricsAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new DaemonError("ERR_METRICS_ADDRESS", `Expected \`--metrics\` to be HOST:PORT such as \`127.0.0.1:9464\`, got \`${text}\``);
  }
  return { host: match[1] ?? (match[2] || "0.0.0.0"), port };
}

/**
 * Serves `metrics` at http://HOST:PORT/metrics until cancelled. `onListening` gets the
 * bound port (useful with port 0 in tests).
 *
 * @example
 * yield* spawn(serveMetrics(metrics, { host: "127.0.0.1", port: 9464 }));
 */
export function* serveMetrics(metrics: Metrics, address: MetricsAddress, onListening?: (port: number) => void): Operation<never> {
  const server = createServer((request, response) => {
    if (request.method === "GET" && (request.url === "/metrics" || request.url?.startsWith("/metrics?"))) {
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      response.end(metrics.render());
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("rotor serves /metrics only\n");
    }
  });
  try {
    yield* call(listen(server, address));
    const bound = server.address();
    onListening?.(typeof bound === "object" && bound !== null ? bound.port : address.port);
    // The server's socket is host I/O the loop does not see; waiting here keeps the task alive.
    return yield* suspend();
  } finally {
    // Shielded: the task is being cancelled, and the port must be free before it ends.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    yield* shield(call(closed));
  }
}

function listen(server: Server, address: MetricsAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new DaemonError("ERR_METRICS_LISTEN", `Cannot serve metrics on ${address.host}:${address.port}: ${error.message}; choose another --metrics address`)),
    );
    server.listen(address.port, address.host, () => resolve());
  });
}
