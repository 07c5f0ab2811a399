import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EQUALITY_FIELDS } from '../../src/store/indexes.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { ferretdbTables, ginIndexName } from '../../src/store/pg-indexes.ts';
import { openTestStore, testPgUrl } from '../helpers/db.ts';

const ROWS = 2000;
const pgUrl = testPgUrl();

/** A field's value in row i: numbers for `version` (as heed stores it), strings elsewhere. */
const fieldValue = (field: string, i: number): string | number =>
  field === 'version' ? i : field === '_id' ? `id-${i}` : `${field}-${i}`;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan tree of PostgreSQL's `EXPLAIN (FORMAT JSON)` output (or FerretDB's queryPlanner copy of it). */
function planOf(explained: unknown): PlanNode {
  const top = (Array.isArray(explained) ? explained[0] : explained) as { Plan: PlanNode };
  return top.Plan;
}

const usesGin = (plan: PlanNode, index: string) =>
  nodes(plan).some((n) => n['Node Type'] === 'Bitmap Index Scan' && n['Index Name'] === index);

describe.skipIf(!pgUrl)('GIN indexes behind the embedded FerretDB (EXPLAIN)', () => {
  let store: MongoFeedbackStore;
  let client: pg.Client;
  let tables: Map<string, string>;

  beforeAll(async () => {
    store = await openTestStore('gin');
    for (const [collection, fields] of Object.entries(EQUALITY_FIELDS)) {
      const docs = Array.from({ length: ROWS }, (_, i) =>
        Object.fromEntries(fields.map((f) => [f, fieldValue(f, i)])),
      );
      for (const doc of docs) doc.question = 'unindexed';
      await store.db.collection(collection).insertMany(docs);
    }
    client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    tables = await ferretdbTables(client, store.db.databaseName);
    for (const table of tables.values())
      await client.query(
        `ANALYZE ${pg.escapeIdentifier(store.db.databaseName)}.${pg.escapeIdentifier(table)}`,
      );
  }, 120_000);
  afterAll(() => client?.end());

  const cases = Object.entries(EQUALITY_FIELDS).flatMap(([collection, fields]) =>
    fields.map((field) => ({ collection, field })),
  );

  it.each(cases)(
    '$collection.$field: FerretDB’s pushed-down equality is a Bitmap Index Scan on the GIN index',
    async ({ collection, field }) => {
      const table = tables.get(collection)!;
      const index = ginIndexName(table, field);
      const value = fieldValue(field, 1234);

      // 1. What FerretDB itself runs: its explain wraps the exact SELECT it generates for find() in EXPLAIN.
      const explained = await store.db.command({ explain: { find: collection, filter: { [field]: value } } });
      expect(explained.queryPlanner, JSON.stringify(explained)).toBeDefined();
      expect(usesGin(planOf(explained.queryPlanner), index), JSON.stringify(explained.queryPlanner)).toBe(
        true,
      );

      // 2. The same shape straight on PostgreSQL: `_jsonb->$1 @> $2`, the field name a parameter.
      const schema = pg.escapeIdentifier(store.db.databaseName);
      const sql = `EXPLAIN (FORMAT JSON) SELECT _jsonb FROM ${schema}.${pg.escapeIdentifier(table)} WHERE _jsonb->$1 @> $2`;
      const { rows } = await client.query(sql, [field, JSON.stringify(value)]);
      expect(usesGin(planOf(rows[0]['QUERY PLAN']), index), JSON.stringify(rows[0])).toBe(true);

      // And the index finds the one document.
      const found = await store.db
        .collection(collection)
        .find({ [field]: value })
        .toArray();
      expect(found.map((d) => d[field])).toEqual([value]);
    },
  );

  it('a field without a GIN index is scanned (the check above can fail)', async () => {
    const explained = await store.db.command({ explain: { find: 'feedback', filter: { question: 'x' } } });
    const plan = planOf(explained.queryPlanner);
    expect(nodes(plan).some((n) => n['Node Type'] === 'Seq Scan')).toBe(true);
    expect(nodes(plan).some((n) => n['Node Type'].includes('Index'))).toBe(false);
  });

  it('a prepared statement run many times keeps the index (custom plans: plan_cache_mode)', async () => {
    const table = pg.escapeIdentifier(tables.get('feedback')!);
    const schema = pg.escapeIdentifier(store.db.databaseName);
    const { rows: mode } = await client.query('SHOW plan_cache_mode');
    expect(mode[0].plan_cache_mode).toBe('force_custom_plan');
    const name = `heed_gin_probe_${Date.now()}`;
    await client.query(
      `PREPARE ${name}(text, jsonb) AS SELECT _jsonb FROM ${schema}.${table} WHERE _jsonb->$1 @> $2`,
    );
    for (let i = 0; i < 8; i++) await client.query(`EXECUTE ${name}('patternKey', '"patternKey-${i}"')`);
    const { rows } = await client.query(
      `EXPLAIN (FORMAT JSON) EXECUTE ${name}('patternKey', '"patternKey-9"')`,
    );
    await client.query(`DEALLOCATE ${name}`);
    expect(usesGin(planOf(rows[0]['QUERY PLAN']), ginIndexName(tables.get('feedback')!, 'patternKey'))).toBe(
      true,
    );
  });
});
