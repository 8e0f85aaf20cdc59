// The migrations on disk, applied by our runner, produce exactly the database that
// schema.prisma describes — checked against Prisma's own parser, since `prisma migrate
// diff` cannot run without its engine binary.
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualSchema, diffSchemas, expectedSchema, prismaIndexName, type SchemaShape } from "../helpers/schema-drift";

const schemaText = readFileSync("prisma/schema.prisma", "utf8");
let client: Client;
let actual: SchemaShape;

beforeAll(async () => {
  // This file's database is a clone of the template that global-setup migrated with lib/db/migrate.
  client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  actual = await actualSchema(client);
});
afterAll(async () => {
  await client.end();
});

describe("schema drift", () => {
  it("a freshly migrated database matches schema.prisma (tables, columns, types, defaults, indexes, foreign keys, enums)", () => {
    expect(diffSchemas(expectedSchema(schemaText), actual)).toEqual([]);
  });

  it("covers the whole model: every table, enum, GIN index and cascade rule is actually compared", () => {
    const expected = expectedSchema(schemaText);
    expect(Object.keys(expected.tables)).toHaveLength(41);
    expect(expected.enums.LabRunStatus).toContain("TIMED_OUT");
    expect(expected.indexes.questions_search_vector_idx).toMatchObject({ method: "gin", columns: ["search_vector"] });
    expect(expected.tables.score_events!.columns.id).toEqual({ type: "bigint", nullable: false, default: "nextval('score_events_id_seq'::regclass)" });
    expect(expected.foreignKeys.questions_created_by_id_fkey).toMatchObject({ onDelete: "SET NULL", onUpdate: "CASCADE" });
  });
});

describe("drift comparator (proves the check bites)", () => {
  const edit = (from: string, to: string): string => {
    expect(schemaText).toContain(from);
    return schemaText.replace(from, to);
  };

  it("reports a field present in schema.prisma but missing in the database", () => {
    const changed = edit("  timeZone      String    @default(\"UTC\") @map(\"time_zone\")", "  timeZone      String    @default(\"UTC\") @map(\"time_zone\")\n  nickname      String?");
    expect(diffSchemas(expectedSchema(changed), actual)).toEqual(["column users.nickname: missing in database"]);
  });

  it("reports changed nullability", () => {
    const changed = edit("  roleApplied    String?   @map(\"role_applied\")", "  roleApplied    String    @map(\"role_applied\")");
    expect(diffSchemas(expectedSchema(changed), actual)).toEqual(["column candidates.role_applied: nullable expected false, got true"]);
  });

  it("reports a changed default, a dropped index, a changed on-delete action and a new enum value", () => {
    let changed = edit("  minutes          Int            @default(10)", "  minutes          Int            @default(15)");
    changed = changed.replace("  @@index([userId])\n  @@map(\"memberships\")", "  @@map(\"memberships\")");
    changed = changed.replace(
      "kit             Kit             @relation(fields: [kitId], references: [id], onDelete: Cascade)",
      "kit             Kit             @relation(fields: [kitId], references: [id], onDelete: Restrict)",
    );
    changed = changed.replace("  TIMED_OUT\n}", "  TIMED_OUT\n  PAUSED\n}");
    expect(diffSchemas(expectedSchema(changed), actual)).toEqual([
      'enum LabRunStatus: values expected ["QUEUED","RUNNING","SUCCEEDED","FAILED","CANCELLED","TIMED_OUT","PAUSED"], got ["QUEUED","RUNNING","SUCCEEDED","FAILED","CANCELLED","TIMED_OUT"]',
      'column questions.minutes: default expected "15", got "10"',
      "index memberships_user_id_idx: in database but not in schema.prisma",
      'foreign key kit_items_kit_id_fkey: onDelete expected "RESTRICT", got "CASCADE"',
    ]);
  });

  it("reports a column type change through a native type", () => {
    const changed = edit("  expiresAt      DateTime  @map(\"expires_at\") @db.Timestamptz(3)", "  expiresAt      DateTime  @map(\"expires_at\") @db.Timestamptz(6)");
    expect(diffSchemas(expectedSchema(changed), actual)).toEqual([
      'column invitations.expires_at: type expected "timestamp(6) with time zone", got "timestamp(3) with time zone"',
    ]);
  });

  it("names long constraints the way Prisma does (truncated to 63 bytes, suffix kept)", () => {
    const name = prismaIndexName("criterion_scores", ["scorecard_id", "interview_question_id", "criterion_id"], "_key");
    expect(name).toBe("criterion_scores_scorecard_id_interview_question_id_criteri_key");
    expect(name).toHaveLength(63);
    expect(actual.indexes[name]).toMatchObject({ unique: true });
  });
});
