// Compiles the modbot command line (src/cli/main.ts and everything it imports) into one
// JavaScript file, dist/modbot.mjs, which bin/modbot.js runs. Running the TypeScript through
// tsx instead costs every start a transpile of ~300 files and keeps tsx's loader thread and
// source maps resident for the life of the bot (measured: `npm run bench burst`, README).
// The packages are bundled too (Node 20 spends ~0.3 s of a start resolving and reading their
// ~600 files one by one), except those below, which find files of their own at run time.
// Packages loaded on first use (src/onFirstUse.ts) stay in node_modules by themselves.
// Called by postinstall and by bin/modbot.js whenever a source is newer.
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundlePath = join(projectRoot, "dist", "modbot.mjs");

/** Writes dist/modbot.mjs; another process starting at the same time sees the old file or the new, never half of one. */
export async function buildBundle() {
  mkdirSync(dirname(bundlePath), { recursive: true });
  // Loaded here, not above: a start that finds the bundle current never pays for esbuild.
  const { build } = await import("esbuild");
  const partial = `${bundlePath}.${process.pid}.tmp`;
  try {
    await build({
      entryPoints: [join(projectRoot, "src/cli/main.ts")],
      outfile: partial,
      bundle: true,
      external: [
        "@electric-sql/pglite", // its WebAssembly and data files, beside its module
        "@prisma/client", // the query compiler's WebAssembly, imported on first query
        "@resvg/resvg-js", // a native addon
      ],
      // Bundled CommonJS packages call require() and read __dirname; in an ES module file
      // those come from the bundle's own location.
      banner: {
        js: [
          'import { createRequire as __bundleCreateRequire } from "node:module";',
          'import { fileURLToPath as __bundleFileURLToPath } from "node:url";',
          "const require = __bundleCreateRequire(import.meta.url);",
          "const __filename = __bundleFileURLToPath(import.meta.url);",
          'const __dirname = __bundleFileURLToPath(new URL(".", import.meta.url));',
        ].join("\n"),
      },
      platform: "node",
      format: "esm",
      target: "node20",
      // Stack traces and logs name our functions as they are written.
      keepNames: true,
      logLevel: "error",
    });
    renameSync(partial, bundlePath);
  } finally {
    rmSync(partial, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildBundle();
}
