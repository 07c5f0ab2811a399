import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import pg from 'pg';
import { EQUALITY_FIELDS } from './indexes.ts';

/** FerretDB 1.24's catalogue table in each database's schema: `{_id: collection, table: pg table, …}`. */
const FERRETDB_METADATA_TABLE = '_ferretdb_database_metadata';

export interface GinIndex {
  collection: string;
  field: string;
  table: string;
  name: string;
}

/**
 * The expression FerretDB 1.24 (PostgreSQL backend) pushes a top-level equality down to:
 * `find({field: v})` becomes `SELECT _jsonb FROM "<db>"."<table>" WHERE _jsonb->$1 @> $2` with
 * $1 = 'field' and $2 = v as JSON (internal/backends/postgresql/query.go, filterEqual). A GIN index on
 * `(_jsonb->'field')` serves that `@>`; FerretDB's own btree indexes on the same expression cannot.
 */
function ginIndexSql(schema: string, gin: GinIndex): string {
  const id = pg.escapeIdentifier;
  const lit = pg.escapeLiteral;
  return `CREATE INDEX IF NOT EXISTS ${id(gin.name)} ON ${id(schema)}.${id(gin.table)} USING gin ((_jsonb->${lit(gin.field)}) jsonb_path_ops)`;
}

/** `heed_gin_<table>_<field>`, shortened with a hash to PostgreSQL's 63-byte identifier limit. */
export function ginIndexName(table: string, field: string): string {
  const name = `heed_gin_${table}_${field.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(`${table}.${field}`).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}_${hash}`;
}

/** The PostgreSQL table FerretDB keeps each collection of database `schema` in. */
export async function ferretdbTables(client: pg.Client, schema: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; tbl: string }>(
    `SELECT _jsonb->>'_id' AS name, _jsonb->>'table' AS tbl FROM ${pg.escapeIdentifier(schema)}.${FERRETDB_METADATA_TABLE}`,
  );
  return new Map(rows.map((r) => [r.name, r.tbl]));
}

/**
 * Creates, in heed's own PostgreSQL behind FerretDB, a GIN index for every collection and field in
 * `fields` (default EQUALITY_FIELDS), creating missing collections through FerretDB first so that
 * its catalogue knows them. Idempotent; returns the indexes created now.
 */
export async function ensureGinIndexes(
  db: Db,
  pgUrl: string,
  fields: Record<string, string[]> = EQUALITY_FIELDS,
): Promise<GinIndex[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of Object.keys(fields)) {
    if (!existing.has(name)) {
      await db.createCollection(name).catch((err: { codeName?: string }) => {
        if (err.codeName !== 'NamespaceExists') throw err;
      });
    }
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const schema = db.databaseName;
    const tables = await ferretdbTables(client, schema);
    const { rows } = await client.query<{ indexname: string }>(
      'SELECT indexname FROM pg_indexes WHERE schemaname = $1',
      [schema],
    );
    const have = new Set(rows.map((r) => r.indexname));
    const created: GinIndex[] = [];
    for (const [collection, list] of Object.entries(fields)) {
      const table = tables.get(collection);
      if (!table) continue;
      for (const field of list) {
        const gin = { collection, field, table, name: ginIndexName(table, field) };
        if (have.has(gin.name)) continue;
        await client.query(ginIndexSql(schema, gin));
        created.push(gin);
      }
    }
    return created;
  } finally {
    await client.end();
  }
}
