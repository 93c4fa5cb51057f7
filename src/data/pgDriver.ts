import type * as Pg from "pg";
import type * as AdapterPg from "@prisma/adapter-pg";
import { onFirstUse } from "../onFirstUse.ts";

// The pg driver and Prisma's adapter for it serve the PostgreSQL server and the commands that
// reach an embedded database through the bot; the bot on the embedded database never uses
// them, so it doesn't load them (see onFirstUse.ts).

export const pgDriver = onFirstUse<typeof Pg>("pg");
export const prismaPgAdapter = onFirstUse<typeof AdapterPg>("@prisma/adapter-pg");
