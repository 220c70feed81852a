import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Examples import "rotor" as a user would; in tests that name means the sources.
    alias: { rotor: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Tests wait on events, never on durations; this only bounds a hang. Real processes
    // (logrotate, gzip of 32 MiB, a daemon) on a loaded 2-core machine took over the
    // default 5 s while passing.
    testTimeout: 20_000,
  },
});
