import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * The Kysely types in server/platform/db/types.ts are written by hand; this checks them against
 * what the migrations actually build: every table and column the types name exists, every
 * column the migrations made is typed, and a column typed as possibly null is nullable (and the
 * other way round) where the type says so directly.
 */
const TYPES_FILE = path.resolve(import.meta.dirname, '../../server/platform/db/types.ts');

interface TypedColumn {
  name: string;
  /** True/false when the type states it plainly; undefined for wrappers (Generated, Json, ColumnType). */
  nullable: boolean | undefined;
}

function typedTables(): Map<string, TypedColumn[]> {
  const source = ts.createSourceFile(TYPES_FILE, fs.readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const database = interfaces.get('Database');
  if (!database) throw new Error('types.ts has no Database interface');
  const tables = new Map<string, TypedColumn[]>();
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
    const table = member.name.getText(source);
    const shape = interfaces.get(member.type.typeName.getText(source));
    if (!shape) throw new Error(`${table}: its interface is not declared in types.ts`);
    tables.set(
      table,
      shape.members.filter(ts.isPropertySignature).map((p) => ({ name: p.name.getText(source), nullable: statedNullability(p.type, source) })),
    );
  }
  return tables;
}

/** `T | null` and the Nullable* aliases are nullable, a plain type is not; wrappers (Generated, ColumnType, Json) are not judged. */
function statedNullability(type: ts.TypeNode | undefined, source: ts.SourceFile): boolean | undefined {
  if (!type) return undefined;
  if (ts.isUnionTypeNode(type)) return type.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(source);
    if (/^(Generated|ColumnType|Json)$/.test(name)) return undefined;
    // types.ts names its nullable column aliases so (NullableTimestamp, NullableDateColumn).
    if (name.startsWith('Nullable')) return true;
  }
  return false;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('database types against the migrations', () => {
  it('name every table and column the migrations build, with the same nullability', async () => {
    const typed = typedTables();
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
      SELECT table_name, column_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT IN ('schema_migrations', 'schema_migrations_lock')`.execute(app.server.platform.database.db);
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows.rows) {
      const table = actual.get(r.table_name) ?? new Map<string, boolean>();
      table.set(r.column_name, r.is_nullable === 'YES');
      actual.set(r.table_name, table);
    }

    const problems: string[] = [];
    for (const [table, columns] of typed) {
      const real = actual.get(table);
      if (!real) {
        problems.push(`${table}: typed, but no migration creates it`);
        continue;
      }
      for (const c of columns) {
        if (!real.has(c.name)) problems.push(`${table}.${c.name}: typed, but not in the database`);
        else if (c.nullable !== undefined && c.nullable !== real.get(c.name))
          problems.push(`${table}.${c.name}: typed ${c.nullable ? 'nullable' : 'not null'}, but the column is ${real.get(c.name) ? 'nullable' : 'NOT NULL'}`);
      }
      for (const name of real.keys()) if (!columns.some((c) => c.name === name)) problems.push(`${table}.${name}: in the database, but not typed`);
    }
    for (const table of actual.keys()) if (!typed.has(table)) problems.push(`${table}: created by a migration, but not in the Database interface`);
    expect(problems).toEqual([]);
    expect(typed.size).toBeGreaterThan(30);
  });
});
