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

  it("holds our code and the packages, but not the PGlite, Prisma client or resvg files they find beside them", () => {
    runModbot(["--help"]);
    const bundle = readFileSync(bundlePath, "utf8");
    expect(bundle).toContain("function keepTheHeapNearWhatIsLive");
    expect(bundle).toMatch(/from "@electric-sql\/pglite"/);
    expect(bundle).not.toMatch(/from "@slack\/bolt"/);
  });
});
