import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Files modbot reads from its own checkout (migrations, the demo register). Found from the
// checkout's root rather than from this file, because this file runs from src/ under tsx and
// from dist/modbot.mjs once compiled (scripts/build.js), at different depths.

function checkoutRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "package.json"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`modbot: no package.json above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
  return directory;
}

const root = checkoutRoot();

/** The absolute path of a file given from the checkout's root, e.g. "prisma/migrations". */
export function projectFile(...segments: string[]): string {
  return join(root, ...segments);
}
