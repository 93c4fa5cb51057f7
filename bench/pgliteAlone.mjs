// PGlite alone on a data directory, for bench/burst.ts's memory target: opens it, reads every
// modification with what a status card shows, and prints its resident memory in MB.
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(process.argv[2]);
for (const table of ["modification", "assessment", "stage_transition", "party", "release", "change_board_vote", "category_vote", "consultation", "audit_entry"]) {
  await db.query(`SELECT * FROM ${table}`).catch(() => undefined);
}
console.log(Math.round(process.memoryUsage().rss / 1024 / 1024));
await db.close();
