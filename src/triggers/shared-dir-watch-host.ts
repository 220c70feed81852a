/**
 * A WatchHost that watches files through their directory: one watch per directory, however
 * many of its files are followed. WHY: a watch of its own costs a file about 1 KB (node's
 * FSWatcher and its closures, libuv's handle, inotify's entry): a daemon of 10,000 logs
 * held 10,000 of them, about 11 MB of its 155, and each counts against the system's limit
 * of watches (fs.inotify.max_user_watches). A directory's watch reports the changes of
 * its entries with their names, which is all a size trigger needs.
 *
 * HOW: `watch(path, …, "file")` registers the listener under the watch of the file's
 * directory, by the file's name. The directory's events go to the registrations of the
 * name they carry (to all of them when they carry none); its failure (the directory was
 * removed) goes to all of them, and the directory's watch is dropped, so that the next
 * registration makes a new one. A file that is a symbolic link is watched itself, as the
 * inner host does (its target may be in another directory), and so is a file whose
 * directory cannot be watched for another reason than the watch limit. Directories are
 * watched as the inner host does.
 *
 * Invariants: a directory is in `#dirs` exactly while it has an open registration, and
 * then its watch is open; a closed registration is never called.
 */
import { posix } from "node:path";
import { isWatchLimit, type WatchHandle, type WatchHost, type WatchListener } from "./watch-host.js";

type OnError = (error: unknown) => void;

class Registration implements WatchHandle {
  closed = false;
  constructor(
    readonly dir: SharedDirectory,
    readonly name: string,
    readonly listener: WatchListener,
    readonly onError: OnError,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dir.remove(this);
  }
}

class SharedDirectory {
  handle: WatchHandle | null = null;
  /** Registrations by name: one, or an array when there are several (rare: two jobs of one log). */
  readonly byName = new Map<string, Registration | Registration[]>();

  constructor(
    readonly owner: Map<string, SharedDirectory>,
    readonly path: string,
  ) {}

  add(registration: Registration): void {
    const same = this.byName.get(registration.name);
    this.byName.set(registration.name, same === undefined ? registration : [...[same].flat(), registration]);
  }

  remove(registration: Registration): void {
    const rest = this.#named(registration.name).filter((r) => r !== registration);
    if (rest.length > 0) this.byName.set(registration.name, rest.length === 1 ? rest[0]! : rest);
    else this.byName.delete(registration.name);
    if (this.byName.size === 0) this.drop();
  }

  changed(event: "rename" | "change", name: string | null): void {
    const targets = name === null ? this.#all() : this.#named(name);
    for (const r of targets) if (!r.closed) r.listener(event, r.name);
  }

  broke(error: unknown): void {
    this.drop();
    for (const r of this.#all()) {
      if (r.closed) continue;
      r.closed = true;
      r.onError(error);
    }
    this.byName.clear();
  }

  /** The registrations of `name`, as a new array (listeners may close registrations meanwhile). */
  #named(name: string): Registration[] {
    return [this.byName.get(name) ?? []].flat();
  }

  #all(): Registration[] {
    return [...this.byName.values()].flat();
  }

  drop(): void {
    if (this.owner.get(this.path) === this) this.owner.delete(this.path);
    this.handle?.close();
    this.handle = null;
  }
}

/**
 * Wraps `inner` so that files are watched through their directories. `isLink(path)` says
 * whether a path is a symbolic link (watched itself).
 *
 * @example
 * const host = shareDirectoryWatches(nodeWatchHost, (path) => lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false);
 */
export function shareDirectoryWatches(inner: WatchHost, isLink: (path: string) => boolean): WatchHost {
  const dirs = new Map<string, SharedDirectory>();
  return {
    stat: (path) => inner.stat(path),
    readdir: (path) => inner.readdir(path),
    watch(path: string, listener: WatchListener, onError: OnError, kind?: "file" | "directory"): WatchHandle {
      if (kind !== "file" || isLink(path)) return inner.watch(path, listener, onError, kind);
      const dirPath = posix.dirname(path);
      let dir = dirs.get(dirPath);
      if (dir === undefined) {
        const shared = new SharedDirectory(dirs, dirPath);
        try {
          shared.handle = inner.watch(dirPath, (event, name) => shared.changed(event, name), (error) => shared.broke(error), "directory");
        } catch (error) {
          if (isWatchLimit(error)) throw error;
          return inner.watch(path, listener, onError, kind);
        }
        dirs.set(dirPath, shared);
        dir = shared;
      }
      const registration = new Registration(dir, posix.basename(path), listener, onError);
      dir.add(registration);
      return registration;
    },
  };
}
