/**
 * Files watched through their directory's watch (shareDirectoryWatches), over a fake inner
 * host that records the watches it makes and lets the test send their events and failures.
 */
import { describe, expect, it } from "vitest";
import { shareDirectoryWatches, type WatchHost, type WatchListener } from "../../src/triggers/index.js";

interface FakeWatch {
  path: string;
  kind: string | undefined;
  listener: WatchListener;
  onError: (error: unknown) => void;
  closed: boolean;
}

function fakeHost(options: { links?: string[]; refuse?: Record<string, string> } = {}) {
  const watches: FakeWatch[] = [];
  const inner: WatchHost = {
    stat: () => Promise.resolve(null),
    readdir: () => Promise.resolve(null),
    watch(path, listener, onError, kind) {
      const code = options.refuse?.[path];
      if (code !== undefined) throw Object.assign(new Error(`${code}: ${path}`), { code });
      const watch: FakeWatch = { path, kind, listener, onError, closed: false };
      watches.push(watch);
      return { close: () => void (watch.closed = true) };
    },
  };
  const host = shareDirectoryWatches(inner, (path) => options.links?.includes(path) ?? false);
  const open = () => watches.filter((w) => !w.closed).map((w) => `${w.kind ?? "-"} ${w.path}`);
  return { host, watches, open };
}

describe("shareDirectoryWatches", () => {
  it("watches the files of one directory with one watch, closed with the last of them", () => {
    const { host, open } = fakeHost();
    const a = host.watch("/logs/a.log", () => {}, () => {}, "file");
    const b = host.watch("/logs/b.log", () => {}, () => {}, "file");
    expect(open()).toEqual(["directory /logs"]);
    a.close();
    expect(open()).toEqual(["directory /logs"]);
    b.close();
    expect(open()).toEqual([]);
  });

  it("hands a directory's event to the files it names, and an event without a name to all of them", () => {
    const { host, watches } = fakeHost();
    const seen: string[] = [];
    host.watch("/logs/a.log", (event, name) => seen.push(`a ${event} ${name}`), () => {}, "file");
    host.watch("/logs/b.log", (event, name) => seen.push(`b ${event} ${name}`), () => {}, "file");
    const second = host.watch("/logs/b.log", () => seen.push("b again"), () => {}, "file");
    watches[0]!.listener("change", "a.log");
    watches[0]!.listener("rename", "b.log");
    watches[0]!.listener("change", "other.log");
    second.close();
    watches[0]!.listener("change", null);
    expect(seen).toEqual(["a change a.log", "b rename b.log", "b again", "a change a.log", "b change b.log"]);
  });

  it("tells every file once when the directory's watch breaks, and makes a new one for the next file", () => {
    const { host, watches, open } = fakeHost();
    const errors: string[] = [];
    const a = host.watch("/logs/a.log", () => {}, (e) => errors.push(`a ${(e as Error).message}`), "file");
    host.watch("/logs/b.log", () => {}, (e) => errors.push(`b ${(e as Error).message}`), "file");
    watches[0]!.onError(new Error("gone"));
    a.close();
    watches[0]!.listener("change", "a.log");
    expect(errors).toEqual(["a gone", "b gone"]);
    expect(open()).toEqual([]);
    host.watch("/logs/a.log", () => {}, () => {}, "file");
    expect(open()).toEqual(["directory /logs"]);
    expect(watches).toHaveLength(2);
  });

  it("watches itself a file that is a symbolic link, a directory, and a file whose directory cannot be watched", () => {
    const { host, open } = fakeHost({ links: ["/logs/link.log"], refuse: { "/private": "EACCES" } });
    host.watch("/logs/link.log", () => {}, () => {}, "file");
    host.watch("/logs", () => {}, () => {}, "directory");
    host.watch("/private/app.log", () => {}, () => {}, "file");
    expect(open()).toEqual(["file /logs/link.log", "directory /logs", "file /private/app.log"]);
  });

  it("throws the watch limit as the inner host does, so that the size trigger polls instead", () => {
    const { host, open } = fakeHost({ refuse: { "/logs": "ENOSPC" } });
    expect(() => host.watch("/logs/a.log", () => {}, () => {}, "file")).toThrow(/ENOSPC/);
    expect(open()).toEqual([]);
  });
});
