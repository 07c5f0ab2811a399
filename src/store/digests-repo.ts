import type { Collection, Db, IndexDescription } from 'mongodb';
import type {
  DigestClaimRequest as ClaimRequest,
  DigestClaimResult as ClaimResult,
  DigestRecord,
  DigestRepository,
} from '../core/ports.ts';
import type { Digest } from '../core/views.ts';
import { claimRefusal, firstAttempt } from './digest-claim-rules.ts';
import { isDuplicateKey } from './docs.ts';

/** Extra indexes for ensureIndexes (the `digests` unique index itself is in indexes.ts). */
export const DIGEST_INDEXES: Record<string, IndexDescription[]> = {
  digest_attempts: [{ key: { periodKey: 1, channel: 1, attempt: -1 } }],
};

export type { DigestRepository } from '../core/ports.ts';

interface DigestDoc extends Omit<DigestRecord, 'digest'> {
  digestJson?: string;
}
interface AttemptDoc {
  _id: string;
  periodKey: string;
  channel: string;
  attempt: number;
  owner: string;
  at: Date;
}

function reviveDigest(json: string): Digest {
  const d = JSON.parse(json) as Digest;
  return { ...d, from: new Date(d.from), to: new Date(d.to) };
}

function toRecord(doc: DigestDoc): DigestRecord {
  const { digestJson, ...rest } = doc;
  delete (rest as { _id?: unknown })._id;
  return digestJson ? { ...rest, digest: reviveDigest(digestJson) } : rest;
}

/**
 * Exactly-once posting built from inserts only (conditional updates are not atomic on the embedded
 * server): the first attempt is the insert into `digests` (unique period + channel); every retry is
 * an insert of `<period>|<channel>|<attempt>` into `digest_attempts`. Status updates afterwards are
 * bookkeeping written by the single winner of that attempt.
 */
export function createDigestRepository(db: Db): DigestRepository {
  const digests: Collection<DigestDoc> = db.collection('digests');
  const attempts: Collection<AttemptDoc> = db.collection('digest_attempts');
  const state: Collection<{ _id: string; at: Date }> = db.collection('scheduler_state');
  const get = async (periodKey: string, channel: string) => {
    const doc = await digests.findOne({ periodKey, channel }, { projection: { _id: 0 } });
    return doc ? toRecord(doc) : null;
  };

  async function retry(req: ClaimRequest, record: DigestRecord): Promise<ClaimResult> {
    const { periodKey, channel, owner, now } = req;
    // Posted is final: no need to read the attempts.
    const latest =
      record.status === 'posted'
        ? null
        : await attempts.find({ periodKey, channel }).sort({ attempt: -1 }).limit(1).next();
    // A retry that was claimed but not yet (or never) written back counts as in progress since its claim.
    const current =
      latest && latest.attempt > record.attempt
        ? { attempt: latest.attempt, status: 'posting' as const, since: latest.at }
        : { attempt: record.attempt, status: record.status, since: record.updatedAt };
    const refused = claimRefusal(record, current, req);
    if (refused) return { claimed: false, reason: refused, record };
    const attempt = current.attempt + 1;
    try {
      await attempts.insertOne({
        _id: `${periodKey}|${channel}|${attempt}`,
        periodKey,
        channel,
        attempt,
        owner,
        at: now,
      });
    } catch (err) {
      if (isDuplicateKey(err)) return { claimed: false, reason: 'in_progress', record };
      throw err;
    }
    await digests.updateOne(
      { periodKey, channel },
      { $set: { status: 'posting', attempt, owner, updatedAt: now }, $unset: { error: '' } },
    );
    return {
      claimed: true,
      attempt,
      record: { ...record, status: 'posting', attempt, owner, updatedAt: now },
    };
  }

  return {
    get,
    async forPeriod(periodKey) {
      const docs = await digests.find({ periodKey }, { projection: { _id: 0 } }).toArray();
      return docs.map(toRecord);
    },
    async claim(req) {
      const { periodKey, channel } = req;
      let record = await get(periodKey, channel);
      if (!record) {
        const doc: DigestDoc = { ...firstAttempt(req), digestJson: JSON.stringify(req.digest) };
        try {
          await digests.insertOne({ ...doc });
          return { claimed: true, attempt: 1, record: toRecord(doc) };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
        record = await get(periodKey, channel);
        if (!record)
          throw new Error(`digest record ${periodKey} ${channel} vanished after a duplicate insert`);
      }
      return retry(req, record);
    },
    async markPosted(periodKey, channel, attempt, now) {
      // Posted is final and true whichever attempt got there, so no attempt filter here.
      await digests.updateOne(
        { periodKey, channel },
        { $set: { status: 'posted', attempt, postedAt: now, updatedAt: now }, $unset: { error: '' } },
      );
    },
    async markFailed(periodKey, channel, attempt, error, now) {
      await digests.updateOne(
        { periodKey, channel, attempt, status: 'posting' },
        { $set: { status: 'failed', error: error.slice(0, 500), updatedAt: now } },
      );
    },
    async firstRun(now) {
      try {
        await state.insertOne({ _id: 'digest:first-run', at: now });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const doc = await state.findOne({ _id: 'digest:first-run' });
      return doc?.at ?? now;
    },
  };
}
