import { describe, expect, it } from "vitest";
import { namePattern } from "../../src/triggers/name-pattern.js";

describe("namePattern", () => {
  it.each([
    ["*.log", "access.log", true],
    ["*.log", "access.log.1", false],
    ["*.log", ".hidden.log", false],
    [".*.log", ".hidden.log", true],
    ["app-?.log", "app-1.log", true],
    ["app-?.log", "app-12.log", false],
    ["app-[0-9].log", "app-7.log", true],
    ["app-[!0-9].log", "app-7.log", false],
    ["app-[^0-9].log", "app-x.log", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["[ab", "[ab", true],
    ["app.log", "app.log", true],
    ["app.log", "appxlog", false],
    ["a+(b).log", "a+(b).log", true],
  ])("%j matches %j: %s", (pattern, name, matches) => {
    expect(namePattern(pattern)(name)).toBe(matches);
  });
});
