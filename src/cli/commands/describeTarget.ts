import type { DatabaseTarget } from "../../data/database.ts";

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "embedded") return `embedded PostgreSQL in ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}
