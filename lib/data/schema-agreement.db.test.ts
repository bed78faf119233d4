import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";

// The migrations are written by hand (Prisma's migrate engine cannot run here), so this test
// proves they build exactly the database `schema.prisma` describes: every model is a table, every
// field a column of the right type and nullability, every enum and unique constraint present.

interface DmmfField {
  name: string;
  kind: "scalar" | "object" | "enum";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  relationFromFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  fields: DmmfField[];
  uniqueFields: string[][];
  primaryKey: { fields: string[] } | null;
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] };
}

const schema = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;

const SQL_TYPE: Record<string, string> = {
  String: "text",
  Int: "integer",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  BigInt: "bigint",
};

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("schema.prisma and the migrations agree", () => {
  it("has exactly one table per model", async () => {
    const rows = await database.sql(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const tables = rows.map((row) => row.table_name).sort();
    expect(tables).toEqual(dmmf.datamodel.models.map((model) => model.name).sort());
  });

  it("has every field as a column of the right type and nullability, and nothing else", async () => {
    const rows = await database.sql(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = rows.map((row) => `${row.table_name}.${row.column_name} ${describeColumn(row)}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields.filter((field) => field.kind !== "object").map((field) => `${model.name}.${field.name} ${describeField(field)}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has every enum with the same values in the same order", async () => {
    const rows = await database.sql(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[String(row.typname)] ??= []).push(String(row.enumlabel));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it("has every primary key, unique constraint and foreign key", async () => {
    const rows = await database.sql(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const uniqueIndexes = new Set(
      rows
        .filter((row) => String(row.indexdef).startsWith("CREATE UNIQUE INDEX") && !String(row.indexdef).includes(" WHERE "))
        .map((row) => `${row.tablename}(${String(row.indexdef).replace(/^.*USING btree \((.*)\)$/, "$1").replaceAll('"', "")})`),
    );
    const expectedUnique = dmmf.datamodel.models.flatMap((model) => [
      `${model.name}(${(model.primaryKey?.fields ?? model.fields.filter((f) => (f as { isId?: boolean }).isId).map((f) => f.name)).join(", ")})`,
      ...model.fields.filter((field) => field.isUnique).map((field) => `${model.name}(${field.name})`),
      ...model.uniqueFields.map((fields) => `${model.name}(${fields.join(", ")})`),
    ]);
    expect([...uniqueIndexes].sort()).toEqual([...new Set(expectedUnique)].sort());

    const fks = await database.sql(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f'`,
    );
    const actualFks = fks.map((row) => `${String(row.table).replaceAll('"', "")} ${String(row.def).replaceAll('"', "")}`).sort();
    const expectedFks = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind === "object" && field.relationFromFields?.length)
          .map((field) => {
            const onDelete = field.relationOnDelete === "Cascade" ? " ON DELETE CASCADE" : field.relationOnDelete === "SetNull" ? " ON DELETE SET NULL" : " ON DELETE RESTRICT";
            return `${model.name} FOREIGN KEY (${field.relationFromFields!.join(", ")}) REFERENCES ${field.type}(id) ON UPDATE CASCADE${onDelete}`;
          }),
      )
      .sort();
    expect(actualFks).toEqual(expectedFks);
  });
});

function describeColumn(row: Record<string, unknown>): string {
  const list = row.data_type === "ARRAY";
  const base = list ? String(row.udt_name).replace(/^_/, "") : row.data_type === "USER-DEFINED" ? `enum ${row.udt_name}` : String(row.data_type);
  const normalized = list ? (base === "text" ? "text" : base) : base;
  return `${normalized}${list ? "[]" : ""} ${row.is_nullable === "YES" ? "null" : "not null"}`;
}

function describeField(field: DmmfField): string {
  const base = field.kind === "enum" ? `enum ${field.type}` : SQL_TYPE[field.type];
  if (!base) throw new Error(`No SQL type known for ${field.type}`);
  // Prisma creates scalar lists as nullable array columns.
  return `${base}${field.isList ? "[]" : ""} ${field.isRequired && !field.isList ? "not null" : "null"}`;
}
