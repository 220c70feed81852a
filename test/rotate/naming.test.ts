/** inDir: the same path as posix.join, for every kind of versions directory. */
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { inDir, namingFor, numberedPath } from "../../src/rotate/naming.js";
import { resolvePolicy } from "../../src/rotate/policy.js";

describe("inDir", () => {
  it.each([
    ["/var/log/app.log", null],
    ["/app.log", null],
    ["/var//log/app.log", null],
    ["/var/./log/app.log", null],
    ["/var/log/../log/app.log", null],
    ["/var/log/app.log", "old"],
    ["/var/log/app.log", "/srv/old/"],
    ["/var/log/app.log", "../old//x/."],
  ])("gives posix.join's path for %s with olddir %s", (log, olddir) => {
    const naming = namingFor(log, resolvePolicy({ keep: 3, ...(olddir === null ? {} : { olddir }) }));
    for (const name of ["app.log.1", "app.log.2.gz", "x"]) expect(inDir(naming, name)).toBe(posix.join(naming.dir, name));
    expect(numberedPath(naming, 3, ".gz")).toBe(posix.join(naming.dir, "app.log.3.gz"));
  });
});
