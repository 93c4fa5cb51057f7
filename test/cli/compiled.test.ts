import { readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runModbot } from "../support/cli.ts";

// bin/modbot.js runs the compiled bundle (scripts/build.js) and compiles it again whenever a
// source is newer, so what runs is always what is checked out.

const bundlePath = join(process.cwd(), "dist/modbot.mjs");

describe("modbot runs the compiled sources", () => {
  it("compiles again when the bundle is older than a source, and then runs it", () => {
    // As if every source had been edited after the last build.
    utimesSync(bundlePath, new Date(0), new Date(0));
    const result = runModbot(["workdays", "30 Sep 2019 + 15"]);
    expect(result.err).toBe("");
    expect(result.out).toContain("18 Oct 2019");
    expect(statSync(bundlePath).mtimeMs).toBeGreaterThan(statSync("src/cli/main.ts").mtimeMs);
  });

  it("compiles again when how it is built changed (scripts/build.js), as after a pull", () => {
    runModbot(["--help"]);
    const now = new Date();
    utimesSync("scripts/build.js", now, now);
    expect(statSync(bundlePath).mtimeMs).toBeLessThan(now.getTime());
    expect(runModbot(["workdays", "30 Sep 2019 + 15"]).out).toContain("18 Oct 2019");
    expect(statSync(bundlePath).mtimeMs).toBeGreaterThanOrEqual(statSync("scripts/build.js").mtimeMs);
  });

  it("holds our code and the packages, but not the PGlite, Prisma client or resvg files they find beside them", () => {
    runModbot(["--help"]);
    const bundle = readFileSync(bundlePath, "utf8");
    expect(bundle).toContain("function keepTheHeapNearWhatIsLive");
    expect(bundle).toMatch(/from\s*"@electric-sql\/pglite"/);
    expect(bundle).not.toMatch(/from\s*"@slack\/bolt"/);
    // Built without keepNames, whose wrapper ran for every closure a request creates (scripts/build.js).
    expect(bundle).not.toContain("__name(");
  });

  it("is Latin-1 throughout, so V8 keeps its source (which it holds for the process's life) at one byte a character", () => {
    runModbot(["--help"]);
    const bundle = readFileSync(bundlePath, "utf8");
    // A character beyond Latin-1 in a regular expression or an html`…` template (where esbuild
    // leaves it as written) doubles the 4 MB; scripts/build.js says how to write one.
    expect([...new Set(bundle.match(/[^\x00-\xff]/gu) ?? [])]).toEqual([]);
    expect(bundle.length).toBeGreaterThan(1_000_000);
  });

  it("reads the Prisma client's query compiler without importing the module that holds it as base64", () => {
    // An imported module is never unloaded: importing it kept ~8.7 MB of source and string (scripts/prisma-generate.js).
    const client = readFileSync("src/data/generated/prisma/internal/class.ts", "utf8");
    expect(client).not.toMatch(/import\("@prisma\/client\/runtime\/query_compiler_[\w.]+\.wasm-base64\.mjs"\)/);
    expect(client).toContain("decodeBase64AsWasm(text.slice(");
  });
});
