/** The package's version, read from package.json next to the built files. */
import { readFileSync } from "node:fs";

export function version(): string {
  // src/cli/version.ts sits two levels under the package root, dist/src/cli/version.js three,
  // as does the bundle (scripts/bundle-cli.mjs: dist/src/cli/rotor-logrotate.bundle.cjs).
  for (const relative of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "rotor" && pkg.version) return pkg.version;
    } catch {
      // Not at this level: try the next one.
    }
  }
  return "unknown";
}
