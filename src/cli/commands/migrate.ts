import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { pluralise } from "../../domain/text.ts";
import { describeTarget } from "./describeTarget.ts";
import type { CliCommand } from "./types.ts";

export const migrate: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "Apply prisma/migrations to the database (also done at every start)",
  help: [
    "Usage: modbot migrate",
    "  Applies the migrations in prisma/migrations that the database doesn't have yet, and says which.",
    "  Database: DATABASE_URL, or the embedded one in DATA_DIR (default ./data). modbot start does it too.",
  ].join("\n"),
  async run(args) {
    if (args.length) {
      console.error(`modbot migrate takes no arguments (got "${args.join(" ")}"). Usage: modbot migrate`);
      return 2;
    }
    const target = databaseTargetFrom(readDatabaseSettings());
    const db = await openDatabase(target);
    await db.close();
    const where = describeTarget(target) + (db.reachedThrough ? `, through ${db.reachedThrough}` : "");
    const { applied, alreadyApplied } = db.migrations;
    if (applied.length === 0) {
      console.log(`Already up to date: ${pluralise(alreadyApplied.length, "migration")} applied (${where}).`);
    } else {
      console.log(`Applied ${pluralise(applied.length, "migration")} (${where}): ${applied.join(", ")}.`);
    }
    return 0;
  },
};
