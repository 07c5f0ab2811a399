import type { Db, IndexDescription } from 'mongodb';

/** Every collection and the indexes its queries need. createIndexes is idempotent, so this runs at each start. */
const INDEXES: Record<string, IndexDescription[]> = {
  interactions: [
    { key: { patternKey: 1, createdAt: -1 } },
    { key: { createdAt: 1 } },
    { key: { day: 1 } },
    { key: { hour: 1 } },
    { key: { threadKey: 1 } },
  ],
  feedback: [
    { key: { interactionId: 1, userId: 1, kind: 1 }, unique: true, name: 'one_vote_per_user_kind' },
    { key: { patternKey: 1, updatedAt: -1 } },
    { key: { reviewId: 1 } },
    { key: { createdAt: 1 } },
    { key: { day: 1 } },
    { key: { negDay: 1 } },
    { key: { corrDay: 1 } },
    { key: { hour: 1 } },
    { key: { negHour: 1 } },
    { key: { corrHour: 1 } },
  ],
  reviews: [
    { key: { openKey: 1 }, unique: true, name: 'one_open_review_per_pattern' },
    { key: { day: 1 } },
    { key: { closedDay: 1 } },
    { key: { status: 1, updatedAt: -1 } },
    { key: { createdAt: 1 } },
  ],
  resolutions: [],
  knowledge: [{ key: { patternKey: 1, version: -1 }, unique: true, name: 'one_version_per_pattern' }],
  instructions: [{ key: { version: -1 }, unique: true, name: 'one_instructions_version' }],
  deliveries: [{ key: { at: 1 } }],
  digests: [{ key: { periodKey: 1, channel: 1 }, unique: true, name: 'one_digest_per_period_channel' }],
  locks: [{ key: { expiresAt: 1 } }],
  rollups: [],
  meta: [],
};

/**
 * Top-level fields that request paths look up by equality. On MongoDB the indexes above serve them; on
 * the embedded FerretDB (PostgreSQL backend) heed adds a GIN expression index per field, because
 * FerretDB pushes equality down as `_jsonb->'field' @> value` and its own btree indexes cannot serve that.
 */
export const EQUALITY_FIELDS: Record<string, string[]> = {
  interactions: ['_id', 'day', 'hour', 'threadKey'],
  feedback: [
    '_id',
    'patternKey',
    'reviewId',
    'day',
    'negDay',
    'corrDay',
    'hour',
    'negHour',
    'corrHour',
    'userId',
  ],
  reviews: ['_id', 'openKey', 'status', 'day', 'closedDay'],
  resolutions: ['_id'],
  knowledge: ['_id', 'patternKey', 'reviewId'],
  instructions: ['_id', 'version', 'reviewId'],
  deliveries: ['_id'],
  digests: ['_id'],
  locks: ['_id'],
  rollups: ['_id'],
  meta: ['_id'],
};

export async function ensureIndexes(db: Db, extra: Record<string, IndexDescription[]> = {}): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const [name, indexes] of Object.entries({ ...INDEXES, ...extra })) {
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreExists);
    const have = new Set((await db.collection(name).indexes()).map((ix) => ix.name));
    // One index per call, skipping existing ones: FerretDB 1.24 panics on a createIndexes call that
    // mixes existing and new indexes.
    for (const ix of indexes) {
      const indexName = ix.name ?? defaultIndexName(ix.key as Record<string, number>);
      if (!have.has(indexName)) await db.collection(name).createIndexes([{ ...ix, name: indexName }]);
    }
  }
}

/** MongoDB's default index name: `field_1_other_-1`. */
function defaultIndexName(key: Record<string, number>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${dir}`)
    .join('_');
}

function ignoreExists(err: unknown): void {
  if ((err as { codeName?: string }).codeName !== 'NamespaceExists') throw err;
}
