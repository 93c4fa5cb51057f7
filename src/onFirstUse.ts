import { createRequire } from "node:module";

// Packages that only some requests need (the PDF, the chart, zip and CSV files, the calendar,
// the pretty terminal log, the pg driver) are loaded the first time they are used instead of
// when modbot starts: each costs the start 30–200 ms and holds its code in memory for good
// (`npm run bench burst` prints start time and memory). `require` is synchronous, so the
// functions that use them stay synchronous; Node 20.19+ also requires ES modules this way.

const require = createRequire(import.meta.url);

/** A function returning the package `name`, which it loads on its first call. */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
