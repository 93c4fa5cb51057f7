import internals from "@prisma/internals";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

// The Prisma CLI cannot diff migrations here, so this test does its job: it applies
// prisma/migrations to an empty database and compares what they built with schema.prisma.

type Column = { table: string; column: string; type: string; nullable: boolean };

const pgTypeOf = (field: { type: string; kind: string; nativeType?: readonly unknown[] | null }): string => {
  if (field.kind === "enum") return `enum:${field.type}`;
  if (field.nativeType?.[0] === "Date") return "date";
  return { Int: "integer", String: "text", Boolean: "boolean", DateTime: "timestamp without time zone", Json: "jsonb", Float: "double precision", BigInt: "bigint" }[field.type] ?? field.type;
};

describe("schema.prisma and prisma/migrations", () => {
  let database: TestDatabase;
  let dmmf: Awaited<ReturnType<typeof internals.getDMMF>>;

  beforeAll(async () => {
    database = await createTestDatabase("embedded");
    dmmf = await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") });
  });
  afterAll(() => database?.dispose());

  const query = <T,>(sql: string) => database.db.prisma.$queryRawUnsafe<T[]>(sql);

  it("build the same tables and columns, with the same types and nullability", async () => {
    const expected: Column[] = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "scalar" || field.kind === "enum")
        .map((field) => ({
          table: model.dbName ?? model.name,
          column: field.dbName ?? field.name,
          type: pgTypeOf(field),
          nullable: !field.isRequired,
        })),
    );
    const rows = await query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual: Column[] = rows.map((row) => ({
      table: row.table_name,
      column: row.column_name,
      type: row.data_type === "USER-DEFINED" ? `enum:${row.udt_name}` : row.data_type,
      nullable: row.is_nullable === "YES",
    }));
    const key = (c: Column) => `${c.table}.${c.column}`;
    const sort = (columns: Column[]) => [...columns].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(actual)).toEqual(sort(expected));
  });

  it("define the same enums with the same values in the same order", async () => {
    const rows = await query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.name] ??= []).push(row.value);
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
    expect(actual).toEqual(expected);
  });

  it("create every unique constraint and index the schema declares", async () => {
    const rows = await query<{ table: string; columns: string; unique: boolean; primary: boolean }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum)) AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const actual = rows.map((r) => `${r.table}(${r.columns})${r.primary ? " primary" : r.unique ? " unique" : ""}`).sort();
    const columnName = (model: string, field: string) => {
      const m = dmmf.datamodel.models.find((x) => x.name === model)!;
      return m.fields.find((f) => f.name === field)?.dbName ?? field;
    };
    const tableOf = (model: string) => dmmf.datamodel.models.find((x) => x.name === model)!.dbName ?? model;
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const columns = index.fields.map((f) => columnName(index.model, f.name)).join(",");
        const kind = index.type === "id" ? " primary" : index.type === "unique" ? " unique" : "";
        return `${tableOf(index.model)}(${columns})${kind}`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("create a foreign key for every relation", async () => {
    const rows = await query<{ table: string; columns: string; referenced: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS referenced,
              (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)) AS columns
       FROM pg_constraint c WHERE c.contype = 'f'`,
    );
    const actual = rows.map((r) => `${r.table.replaceAll('"', "")}(${r.columns})->${r.referenced.replaceAll('"', "")}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === "object" && f.relationFromFields?.length)
          .map((f) => {
            const columns = f.relationFromFields!.map((name) => model.fields.find((x) => x.name === name)!.dbName ?? name).join(",");
            const target = dmmf.datamodel.models.find((m) => m.name === f.type)!;
            return `${model.dbName ?? model.name}(${columns})->${target.dbName ?? target.name}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
