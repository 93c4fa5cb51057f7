import { defineConfig } from "prisma/config";

// The app applies prisma/migrations itself (src/data/migrate.ts); this file only tells the CLI
// where the schema is, for `prisma generate` and, on machines where it works, `prisma migrate status`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/modbot" },
});
