// `prisma generate` offline: the CLI insists on a schema-engine binary it cannot download here
// but never runs it for generate, so any existing file satisfies it (see shared STACK-NOTES).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (result.status !== 0) process.exit(result.status ?? 1);

// The generated client gets its query compiler (3.4 MB of WebAssembly) by importing a module
// whose one export is that WebAssembly as a 4.4 MB base64 string. An imported module is never
// unloaded, so the bot kept the module's source and the string, ~8.7 MB of heap, for its whole
// life (a heap snapshot of an idle `modbot start` showed them). The client therefore reads that
// module's text once, decodes it, and drops both.
const generatedClass = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "data", "generated", "prisma", "internal", "class.ts");
const base64Import = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_[\w.]+\.wasm-base64\.mjs)"\)\n(\s*)return await decodeBase64AsWasm\(wasm\)/;
const source = readFileSync(generatedClass, "utf8");
const found = base64Import.exec(source);
if (!found) {
  console.error(`prisma-generate: ${generatedClass} no longer imports its query compiler as a base64 module; see the comment in scripts/prisma-generate.js and update it for this Prisma version.`);
  process.exit(1);
}
const [, module, indent] = found;
const readingIt = [
  `const { readFileSync } = await import("node:fs")`,
  `const { createRequire } = await import("node:module")`,
  `const text = readFileSync(createRequire(import.meta.url).resolve(${JSON.stringify(module)}), "latin1")`,
  `return await decodeBase64AsWasm(text.slice(text.indexOf('"') + 1, text.lastIndexOf('"')))`,
].join(`\n${indent}`);
writeFileSync(generatedClass, source.replace(base64Import, readingIt));
