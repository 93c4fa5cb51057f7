import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { describeTarget } from "./describeTarget.ts";
import type { CliCommand } from "./types.ts";

export const migrate: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "Apply prisma/migrations to the database (also done at every start)",
  async run() {
    const target = databaseTargetFrom(readDatabaseSettings());
    const db = await openDatabase(target);
    await db.close();
    console.log(`Database is up to date (${describeTarget(target)}).`);
    return 0;
  },
};
