/**
 * The size trigger's filesystem seam for `rotor simulate`: real stat and readdir, but
 * watches that never fire. File events arrive on the host's clock, not on the simulation's
 * virtual one, so only the trigger's `check` polling — which runs on the virtual clock —
 * may find size changes there.
 */
import { nodeWatchHost, type WatchHost } from "../../triggers/index.js";

export const pollingOnlyHost: WatchHost = {
  watch: () => ({ close() {} }),
  stat: (path) => nodeWatchHost.stat(path),
  readdir: (path) => nodeWatchHost.readdir(path),
};
