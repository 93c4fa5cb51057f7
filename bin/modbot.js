#!/usr/bin/env node
// The modbot command line. Runs dist/modbot.mjs, the sources compiled into one file
// (scripts/build.js), and compiles it first when it is missing or older than a source, so an
// edited checkout never runs yesterday's code. Falls back to running the TypeScript through
// tsx when it can't compile (a read-only checkout, say).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildBundle, bundlePath, projectRoot } from "../scripts/build.js";

/** The newest modification time among the files the bundle is made from. */
function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    const built = statSync(bundlePath).mtimeMs;
    // The packages are bundled too: npm rewrites node_modules/.package-lock.json on every install.
    const installed = statSync(join(projectRoot, "node_modules", ".package-lock.json"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    // And a change to how it is built (scripts/build.js) builds it again.
    const howBuilt = statSync(join(projectRoot, "scripts", "build.js")).mtimeMs;
    return installed <= built && howBuilt <= built && ["src", "commands"].every((folder) => newestSource(join(projectRoot, folder)) <= built);
  } catch {
    return false;
  }
}

let compiled = bundleIsCurrent();
if (!compiled) {
  try {
    await buildBundle();
    compiled = true;
  } catch (error) {
    if (process.env.LOG_LEVEL === "debug") console.error(`modbot: could not compile (${error.message}); running the TypeScript through tsx`);
  }
}
if (compiled) {
  await import(pathToFileURL(bundlePath).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
