import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/program.js";

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("rotor CLI", () => {
  it("prints the package version", async () => {
    const { code, out } = await cli("--version");
    expect(code).toBe(0);
    expect(out).toEqual([process.env.npm_package_version ?? expect.stringMatching(/^\d+\.\d+\.\d+/)]);
  });

  it("runs a named example", async () => {
    const { code, out } = await cli("examples", "averager");
    expect(code).toBe(0);
    expect(out.slice(0, 3)).toEqual(["send(10) -> 10", "send(20) -> 15", "send(30) -> 20"]);
  });

  it("exits 2 with a clear message for an unknown command or example", async () => {
    expect(await cli("bogus")).toMatchObject({ code: 2, err: ["error: unknown command 'bogus'", "(run `rotor --help` for usage)"] });
    const unknown = await cli("examples", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/^Unknown example `nope`; expected one of: square, /);
  });
});
