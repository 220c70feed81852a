/**
 * The size trigger's filesystem seam for `rotor simulate`: real stat and readdir, and no
 * watches. File events arrive on the host's clock, not on the simulation's
 * virtual one, so only the trigger's `check` polling — which runs on the virtual clock —
 * may find size changes there.
 */
import { nodeWatchHost, type WatchHost } from "../../triggers/index.js";

export const pollingOnlyHost: WatchHost = {
  // A path that cannot be watched is polled at every `check` (a no-op watch would count as
  // watched, and be looked at only by the occasional sweep).
  watch: (path) => {
    throw Object.assign(new Error(`rotor simulate does not watch ${path}`), { code: "ENOTSUP" });
  },
  stat: (path) => nodeWatchHost.stat(path),
  readdir: (path) => nodeWatchHost.readdir(path),
};
