// Compiles the modbot command line (src/cli/main.ts and everything it imports) into one
// JavaScript file, dist/modbot.mjs, which bin/modbot.js runs. Running the TypeScript through
// tsx instead costs every start a transpile of ~300 files and keeps tsx's loader thread and
// source maps resident for the life of the bot (measured: `npm run bench burst`, README).
// The packages are bundled too (Node 20 spends ~0.3 s of a start resolving and reading their
// ~600 files one by one), except those below, which find files of their own at run time.
// Packages loaded on first use (src/onFirstUse.ts) stay in node_modules by themselves.
// Called by postinstall and by bin/modbot.js whenever a source is newer.
import { mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundlePath = join(projectRoot, "dist", "modbot.mjs");

/** Writes dist/modbot.mjs; another process starting at the same time sees the old file or the new, never half of one. */
export async function buildBundle() {
  mkdirSync(dirname(bundlePath), { recursive: true });
  // Loaded here, not above: a start that finds the bundle current never pays for esbuild.
  const { build } = await import("esbuild");
  // Built in a directory of its own, then moved beside the old one: the map first, so the
  // bundle that names it never goes without it.
  const partialDir = join(dirname(bundlePath), `.build-${process.pid}`);
  const partial = join(partialDir, basename(bundlePath));
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
      // Names stay as written unless two modules' top-level names collide (then one is renamed,
      // e.g. register2; none of our classes is). keepNames would keep even those, but it wraps
      // every function it names in a call that defines its name when the function is created:
      // closures made per request (Bolt's, ours) paid that each time, 1.4 KB and ~2% of a cached
      // lookup's CPU; without it, 50 concurrent lookups on a server: p50 19.8 → 19.0 ms.
      keepNames: false,
      // Without comments and indentation. V8 keeps a module's source for its whole life, and
      // the comments of the bundled packages hold a few non-Latin-1 characters (— ’ ⚠), which
      // made it store all 5.4 MB as two bytes a character: 10.3 MB of the idle bot's ~50 MB heap
      // (heap snapshot). A stack trace's positions map back through dist/modbot.mjs.map under
      // \`node --enable-source-maps\`.
      minifyWhitespace: true,
      plugins: [packagesInLatin1],
      sourcemap: "linked",
      logLevel: "error",
    });
    const wide = charactersBeyondLatin1(readFileSync(partial, "utf8"));
    if (wide) console.error(`modbot: dist/modbot.mjs holds characters beyond Latin-1 (${wide}), so V8 keeps its source at two bytes a character; write them as \\u escapes in a regular expression, or as \${"…"} in an html\`…\` template.`);
    renameSync(`${partial}.map`, `${bundlePath}.map`);
    renameSync(partial, bundlePath);
  } finally {
    rmSync(partialDir, { recursive: true, force: true });
  }
}

/** The distinct characters beyond Latin-1 in `text`, or "" when there are none. */
function charactersBeyondLatin1(text) {
  return [...new Set(text.match(/[^\x00-\xff]/gu) ?? [])].join(" ");
}

/**
 * esbuild writes the characters beyond Latin-1 of string literals as \u escapes, but not those
 * in regular expressions or tagged templates, where an escape could mean something else. A
 * package file without any template literal holds them only in strings, regular expressions
 * and comments, where an escape means exactly the character, so those are escaped here.
 */
const packagesInLatin1 = {
  name: "packages-in-latin1",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      if (!/[^\x00-\xff]/.test(text) || text.includes("`")) return undefined;
      return { contents: text.replace(/[^\x00-\xff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`), loader: "js" };
    });
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildBundle();
}
