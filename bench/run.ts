import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `npm run bench [name…]`: runs every bench/<name>.ts that exports run(), or only those named.
const here = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith(".ts") && !["run.ts", "support.ts"].includes(file))
  .map((file) => file.replace(/\.ts$/, ""))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

for (const name of benches) {
  const module = (await import(`./${name}.ts`)) as { run?: () => Promise<void> };
  if (typeof module.run !== "function") continue;
  console.log(`\n=== bench/${name}.ts ===`);
  await module.run();
}
process.exit(0);
