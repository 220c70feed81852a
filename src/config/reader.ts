/**
 * The parser's only way to the filesystem and the account database, injected so that tests
 * use an in-memory map and the parser stays pure. Synchronous: a config is read once per
 * load, before any task runs.
 */

export type FileKind = "file" | "directory" | "other";

export interface FileInfo {
  kind: FileKind;
  /** Permission bits (07777). */
  mode: number;
  uid: number;
  size: number;
}

export interface ConfigReader {
  /** Throws an Error with a `code` (ENOENT, EACCES, …) when the file cannot be read. */
  readFile(path: string): string;
  /** Entry names, without `.` and `..`, in any order. */
  readdir(path: string): string[];
  /** Follows symlinks, as logrotate's stat() does. */
  stat(path: string): FileInfo;
}

/** Answers "does this user/group exist?" by name, then by numeric id (logrotate's order). */
export interface Accounts {
  hasUser(nameOrId: string): boolean;
  hasGroup(nameOrId: string): boolean;
}

/** A file of the in-memory reader: its text, or its text with attributes, or a non-regular file. */
export type MemoryEntry = string | { text: string; mode?: number; uid?: number } | { kind: "other" | "directory"; mode?: number };

function fsError(code: string, syscall: string, path: string): Error {
  const text = code === "ENOENT" ? "no such file or directory" : code === "ENOTDIR" ? "not a directory" : "illegal operation on a directory";
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code });
}

/**
 * A reader over a map of absolute paths; directories exist wherever a listed path has
 * children. Files are mode 0644 and owned by root unless given otherwise.
 *
 * @example
 * const reader = createMemoryReader({ "/etc/logrotate.conf": "include /etc/logrotate.d\n", "/etc/logrotate.d/app": "/var/log/app.log {\n}\n" });
 */
export function createMemoryReader(entries: Record<string, MemoryEntry>): ConfigReader {
  const dirs = new Map<string, Set<string>>();
  for (const path of Object.keys(entries)) {
    const parts = path.split("/").filter((part) => part !== "");
    for (let i = 0; i < parts.length; i++) {
      const dir = "/" + parts.slice(0, i).join("/");
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir)!.add(parts[i]!);
    }
  }
  const normal = (path: string) => (path.length > 1 ? path.replace(/\/+$/, "") : path);
  const stat = (raw: string): FileInfo => {
    const path = normal(raw);
    const entry = entries[path];
    if (entry === undefined) {
      if (dirs.has(path)) return { kind: "directory", mode: 0o755, uid: 0, size: 0 };
      throw fsError("ENOENT", "stat", path);
    }
    if (typeof entry === "string") return { kind: "file", mode: 0o644, uid: 0, size: Buffer.byteLength(entry) };
    if ("kind" in entry) return { kind: entry.kind, mode: entry.mode ?? 0o644, uid: 0, size: 0 };
    return { kind: "file", mode: entry.mode ?? 0o644, uid: entry.uid ?? 0, size: Buffer.byteLength(entry.text) };
  };
  return {
    stat,
    readFile(raw) {
      const info = stat(raw);
      if (info.kind === "directory") throw fsError("EISDIR", "read", raw);
      const entry = entries[normal(raw)]!;
      return typeof entry === "string" ? entry : "text" in entry ? entry.text : "";
    },
    readdir(raw) {
      const path = normal(raw);
      const children = dirs.get(path);
      if (!children) throw fsError(entries[path] === undefined ? "ENOENT" : "ENOTDIR", "scandir", path);
      return [...children];
    },
  };
}

/**
 * Accounts from lists of names and ids, for tests.
 *
 * @example
 * const accounts = createMemoryAccounts({ users: ["root:0", "www-data:33"], groups: ["root:0", "adm:4"] });
 */
export function createMemoryAccounts(lists: { users: string[]; groups: string[] }): Accounts {
  const index = (list: string[]) => new Set(list.flatMap((entry) => entry.split(":")));
  const users = index(lists.users);
  const groups = index(lists.groups);
  return { hasUser: (name) => users.has(name), hasGroup: (name) => groups.has(name) };
}
