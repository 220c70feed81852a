/**
 * The real filesystem and account database behind the parser's injected interfaces.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { Accounts, ConfigReader, FileInfo } from "./reader.js";

/**
 * Reads config files from disk as UTF-8 (columns in messages count characters, where
 * logrotate counts bytes).
 *
 * @example
 * const result = parseLogrotate(["/etc/logrotate.conf"], { reader: createNodeReader(), accounts: createNodeAccounts() });
 */
export function createNodeReader(): ConfigReader {
  return {
    readFile: (path) => readFileSync(path, "utf8"),
    readdir: (path) => readdirSync(path),
    stat(path): FileInfo {
      const st = statSync(path);
      const kind = st.isFile() ? "file" : st.isDirectory() ? "directory" : "other";
      return { kind, mode: st.mode & 0o7777, uid: st.uid, size: st.size };
    },
  };
}

function readTable(path: string): Set<string> {
  const known = new Set<string>();
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return known;
  }
  for (const line of text.split("\n")) {
    const [name, , id] = line.split(":");
    if (name) known.add(name);
    if (id !== undefined && /^\d+$/.test(id)) known.add(id);
  }
  return known;
}

/**
 * Users and groups from /etc/passwd and /etc/group (names, then numeric ids, as logrotate
 * resolves them). Accounts that only NSS services (LDAP, systemd-homed) know are not seen:
 * pass your own `Accounts` if that matters.
 *
 * @example
 * createNodeAccounts().hasUser("root"); // true
 */
export function createNodeAccounts(files: { passwd?: string; group?: string } = {}): Accounts {
  const users = readTable(files.passwd ?? "/etc/passwd");
  const groups = readTable(files.group ?? "/etc/group");
  return { hasUser: (name) => users.has(name), hasGroup: (name) => groups.has(name) };
}
