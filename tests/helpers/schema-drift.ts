// Schema drift detection without Prisma's schema engine (which cannot run on machines
// without internet). The expected shape comes from Prisma's own parser (the prisma-fmt
// WebAssembly build, the same code `prisma generate` uses); the actual shape comes from
// pg_catalog. Both are reduced to one normalized form, so the comparison is a plain diff.
import { createRequire } from "node:module";
import type { Client } from "pg";

// ---------------------------------------------------------------------------------------
// Normalized form
// ---------------------------------------------------------------------------------------

export interface ColumnShape {
  /** As Postgres' format_type prints it, e.g. `timestamp(3) with time zone`, `text[]`. */
  type: string;
  nullable: boolean;
  /** As pg_get_expr prints the default, e.g. `'UTC'::text`; null for none. */
  default: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
}

export interface IndexShape {
  table: string;
  columns: string[];
  unique: boolean;
  method: string;
}

export type ReferentialAction = "CASCADE" | "RESTRICT" | "SET NULL" | "SET DEFAULT" | "NO ACTION";

export interface ForeignKeyShape {
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface SchemaShape {
  enums: Record<string, string[]>;
  tables: Record<string, TableShape>;
  /** Keyed by index name; primary-key indexes are described by TableShape.primaryKey. */
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
}

// ---------------------------------------------------------------------------------------
// Expected: from schema.prisma through Prisma's parser
// ---------------------------------------------------------------------------------------

/** The subset of Prisma's DMMF this comparator reads. */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string }[];
}
interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}
interface Datamodel {
  enums: DmmfEnum[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

interface SchemaWasm {
  get_dmmf(params: string): string;
}

function loadSchemaWasm(): SchemaWasm {
  // CommonJS wasm-bindgen output; createRequire keeps it out of Vite's transform pipeline.
  const require = createRequire(import.meta.url);
  return require("@prisma/prisma-schema-wasm") as SchemaWasm;
}

/** Parses and validates schema text with Prisma's parser; throws Prisma's own diagnostics. */
export function parseDatamodel(schemaText: string): Datamodel {
  const raw = loadSchemaWasm().get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] }));
  return (JSON.parse(raw) as { datamodel: Datamodel }).datamodel;
}

/** Postgres' identifier limit, which Prisma's default constraint names respect. */
const PG_MAX_IDENTIFIER = 63;

/** Prisma's default index/constraint name (psl ConstraintNames), including its truncation rule. */
export function prismaIndexName(table: string, columns: string[], suffix: "_key" | "_idx" | "_fkey"): string {
  let joined = `${table}_${columns.join("_")}`;
  const room = PG_MAX_IDENTIFIER - suffix.length;
  if (joined.length >= room) joined = joined.slice(0, room);
  return joined + suffix;
}

export function prismaPrimaryKeyName(table: string): string {
  const room = PG_MAX_IDENTIFIER - "_pkey".length;
  return (table.length >= room ? table.slice(0, room) : table) + "_pkey";
}

/**
 * DMMF leaves out `Unsupported("…")` fields, so they are read from the schema text:
 * `name Unsupported("type")? @map("col")`. Returned per model in declaration order.
 */
export function unsupportedFields(schemaText: string): Record<string, { name: string; column: string; type: string; nullable: boolean; after: string | null }[]> {
  const out: Record<string, { name: string; column: string; type: string; nullable: boolean; after: string | null }[]> = {};
  const modelRe = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
  for (const m of schemaText.matchAll(modelRe)) {
    const model = m[1]!;
    let previous: string | null = null;
    for (const line of m[2]!.split("\n")) {
      // A type is one word, or Unsupported("…") whose native type may have spaces ("double precision").
      const field = /^\s*(\w+)\s+(Unsupported\("[^"]*"\)\??|\S+)/.exec(line.replace(/\/\/.*$/, ""));
      if (!field || field[1]!.startsWith("@")) continue;
      const name = field[1]!;
      const unsupported = /^Unsupported\("([^"]+)"\)(\?)?/.exec(field[2]!);
      if (unsupported) {
        const map = /@map\("([^"]+)"\)/.exec(line);
        (out[model] ??= []).push({ name, column: map?.[1] ?? name, type: unsupported[1]!, nullable: unsupported[2] === "?", after: previous });
      }
      previous = name;
    }
  }
  return out;
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  Json: "jsonb",
  DateTime: "timestamp(3) without time zone",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

function nativeTypeName(native: [string, string[]]): string {
  const [name, args] = native;
  const a = args.join(",");
  switch (name) {
    case "Timestamptz":
      return `timestamp(${a || "6"}) with time zone`;
    case "Timestamp":
      return `timestamp(${a || "6"}) without time zone`;
    case "Text":
      return "text";
    case "VarChar":
      return a ? `character varying(${a})` : "character varying";
    case "Uuid":
      return "uuid";
    case "Date":
      return "date";
    case "SmallInt":
      return "smallint";
    case "Integer":
      return "integer";
    case "DoublePrecision":
      return "double precision";
    case "JsonB":
      return "jsonb";
    case "Json":
      return "json";
    default:
      // Failing loudly beats silently comparing the wrong type: teach this map the new type.
      throw new Error(`schema-drift: native type @db.${name} is not mapped yet`);
  }
}

function quoteLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The default as Postgres prints it back (pg_get_expr), or null when the DB has none. */
function expectedDefault(field: DmmfField, table: string, column: string, pgType: string): string | null {
  if (!field.hasDefaultValue) return null;
  const d = field.default;
  if (d && typeof d === "object" && !Array.isArray(d)) {
    const fn = d as { name: string; args: unknown[] };
    switch (fn.name) {
      case "now":
        return "CURRENT_TIMESTAMP";
      case "autoincrement":
        return `nextval('${table}_${column}_seq'::regclass)`;
      case "dbgenerated":
        return typeof fn.args[0] === "string" ? fn.args[0] : null;
      default:
        // cuid(), uuid(), nanoid(): generated by the client, no database default.
        return null;
    }
  }
  if (Array.isArray(d)) {
    const base = pgType.replace(/\[\]$/, "");
    if (d.length === 0) return `ARRAY[]::${pgType}`;
    return `ARRAY[${d.map((v) => (typeof v === "string" ? `${quoteLiteral(v)}::${base}` : String(v))).join(", ")}]`;
  }
  if (field.kind === "enum") return `${quoteLiteral(String(d))}::${pgType}`;
  if (typeof d === "string") {
    if (field.type === "Json") return `${quoteLiteral(d)}::jsonb`;
    return `${quoteLiteral(d)}::${pgType === "text" ? "text" : pgType}`;
  }
  if (typeof d === "number" && field.type === "Float") return Number.isInteger(d) ? `${d}` : String(d);
  return String(d);
}

/** Quotes a type name the way format_type does for mixed-case identifiers. */
function pgTypeIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const REFERENTIAL: Record<string, ReferentialAction> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
  NoAction: "NO ACTION",
};

/** What a database migrated to match `schemaText` must look like, per Prisma's conventions. */
export function expectedSchema(schemaText: string): SchemaShape {
  const dm = parseDatamodel(schemaText);
  const unsupported = unsupportedFields(schemaText);
  const enumDbName = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const shape: SchemaShape = { enums: {}, tables: {}, indexes: {}, foreignKeys: {} };

  for (const e of dm.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  const tableOf = new Map(dm.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, fieldName: string): string => {
    const f = model.fields.find((x) => x.name === fieldName);
    if (f) return f.dbName ?? f.name;
    const u = unsupported[model.name]?.find((x) => x.name === fieldName);
    if (u) return u.column;
    throw new Error(`schema-drift: field ${model.name}.${fieldName} not found`);
  };

  for (const model of dm.models) {
    const table = model.dbName ?? model.name;
    const columns: Record<string, ColumnShape> = {};
    for (const f of model.fields) {
      if (f.kind !== "scalar" && f.kind !== "enum") continue;
      const column = f.dbName ?? f.name;
      const base =
        f.kind === "enum"
          ? pgTypeIdent(enumDbName.get(f.type) ?? f.type)
          : f.nativeType
            ? nativeTypeName(f.nativeType)
            : SCALAR_TYPES[f.type];
      if (!base) throw new Error(`schema-drift: scalar type ${f.type} is not mapped yet`);
      const type = f.isList ? `${base}[]` : base;
      // Prisma creates scalar lists as nullable arrays (`TEXT[]`), whatever the field says.
      columns[column] = { type, nullable: f.isList ? true : !f.isRequired, default: expectedDefault(f, table, column, type) };
    }
    for (const u of unsupported[model.name] ?? []) columns[u.column] = { type: u.type, nullable: u.nullable, default: null };

    const pkFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    shape.tables[table] = {
      columns,
      primaryKey: pkFields.length
        ? { name: model.primaryKey?.name ?? prismaPrimaryKeyName(table), columns: pkFields.map((n) => columnOf(model, n)) }
        : null,
    };

    for (const rel of model.fields) {
      if (rel.kind !== "object" || !rel.relationFromFields?.length) continue;
      const cols = rel.relationFromFields.map((n) => columnOf(model, n));
      const target = dm.models.find((m) => m.name === rel.type)!;
      const anyOptional = rel.relationFromFields.some((n) => !model.fields.find((x) => x.name === n)?.isRequired);
      // Prisma's defaults: Restrict for required relations, SetNull for optional; updates cascade.
      const onDelete = REFERENTIAL[rel.relationOnDelete ?? (anyOptional ? "SetNull" : "Restrict")]!;
      const onUpdate = REFERENTIAL[rel.relationOnUpdate ?? "Cascade"]!;
      shape.foreignKeys[prismaIndexName(table, cols, "_fkey")] = {
        table,
        columns: cols,
        referencedTable: tableOf.get(rel.type)!,
        referencedColumns: (rel.relationToFields ?? []).map((n) => columnOf(target, n)),
        onDelete,
        onUpdate,
      };
    }
  }

  for (const idx of dm.indexes) {
    if (idx.type === "id") continue;
    if (idx.type === "fulltext") throw new Error("schema-drift: fulltext indexes are MySQL-only");
    const model = dm.models.find((m) => m.name === idx.model)!;
    const table = model.dbName ?? model.name;
    const cols = idx.fields.map((f) => columnOf(model, f.name));
    const unique = idx.type === "unique";
    shape.indexes[idx.dbName ?? prismaIndexName(table, cols, unique ? "_key" : "_idx")] = {
      table,
      columns: cols,
      unique,
      method: (idx.algorithm ?? "BTree").toLowerCase(),
    };
  }
  return shape;
}

// ---------------------------------------------------------------------------------------
// Actual: from pg_catalog
// ---------------------------------------------------------------------------------------

const PG_ACTION: Record<string, ReferentialAction> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** Reads the public schema; Prisma's own bookkeeping table is not part of the model. */
export async function actualSchema(client: Client, schema = "public"): Promise<SchemaShape> {
  const shape: SchemaShape = { enums: {}, tables: {}, indexes: {}, foreignKeys: {} };

  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname`,
    [schema],
  );
  for (const r of enums.rows) shape.enums[r.name] = r.labels;

  // A generated column's expression is stored as its "default"; schema.prisma cannot express
  // generated columns (they are Unsupported fields there), so only their type and nullability
  // are compared.
  const cols = await client.query<{ table: string; column: string; type: string; notnull: boolean; def: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS def
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  for (const r of cols.rows) {
    const t = (shape.tables[r.table] ??= { columns: {}, primaryKey: null });
    t.columns[r.column] = { type: r.type, nullable: !r.notnull, default: r.def };
  }

  const indexes = await client.query<{ name: string; table: string; columns: string[]; unique: boolean; primary: boolean; method: string }>(
    `SELECT i.relname AS name, c.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
            ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = $1 AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const r of indexes.rows) {
    if (r.primary) {
      const t = shape.tables[r.table];
      if (t) t.primaryKey = { name: r.name, columns: r.columns };
      continue;
    }
    shape.indexes[r.name] = { table: r.table, columns: r.columns, unique: r.unique, method: r.method };
  }

  const fks = await client.query<{ name: string; table: string; columns: string[]; ref_table: string; ref_columns: string[]; del: string; upd: string }>(
    `SELECT con.conname AS name, c.relname AS table, rc.relname AS ref_table, con.confdeltype AS del, con.confupdtype AS upd,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS ref_columns
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype = 'f'`,
    [schema],
  );
  for (const r of fks.rows) {
    shape.foreignKeys[r.name] = {
      table: r.table,
      columns: r.columns,
      referencedTable: r.ref_table,
      referencedColumns: r.ref_columns,
      onDelete: PG_ACTION[r.del] ?? "NO ACTION",
      onUpdate: PG_ACTION[r.upd] ?? "NO ACTION",
    };
  }
  return shape;
}

// ---------------------------------------------------------------------------------------
// Diff
// ---------------------------------------------------------------------------------------

const show = (v: unknown): string => JSON.stringify(v);

function diffKeyed<T>(kind: string, expected: Record<string, T>, actual: Record<string, T>, compare: (name: string, e: T, a: T) => string[]): string[] {
  const out: string[] = [];
  for (const name of Object.keys(expected).sort()) {
    const a = actual[name];
    if (a === undefined) out.push(`${kind} ${name}: missing in database`);
    else out.push(...compare(name, expected[name]!, a));
  }
  for (const name of Object.keys(actual).sort()) if (!(name in expected)) out.push(`${kind} ${name}: in database but not in schema.prisma`);
  return out;
}

function diffProps<T extends object>(label: string, e: T, a: T): string[] {
  const out: string[] = [];
  for (const key of Object.keys(e) as (keyof T)[]) {
    if (show(e[key]) !== show(a[key])) out.push(`${label}: ${String(key)} expected ${show(e[key])}, got ${show(a[key])}`);
  }
  return out;
}

/** Human-readable differences; an empty list means the database matches the schema. */
export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  return [
    ...diffKeyed("enum", expected.enums, actual.enums, (n, e, a) => (show(e) === show(a) ? [] : [`enum ${n}: values expected ${show(e)}, got ${show(a)}`])),
    ...diffKeyed("table", expected.tables, actual.tables, (t, e, a) => [
      ...diffKeyed(`column ${t}.`, e.columns, a.columns, (c, ec, ac) => diffProps(`column ${t}.${c}`, ec, ac)).map((s) => s.replace(`${t}. `, `${t}.`)),
      ...(show(e.primaryKey) === show(a.primaryKey) ? [] : [`table ${t}: primary key expected ${show(e.primaryKey)}, got ${show(a.primaryKey)}`]),
    ]),
    ...diffKeyed("index", expected.indexes, actual.indexes, (n, e, a) => diffProps(`index ${n}`, e, a)),
    ...diffKeyed("foreign key", expected.foreignKeys, actual.foreignKeys, (n, e, a) => diffProps(`foreign key ${n}`, e, a)),
  ];
}
