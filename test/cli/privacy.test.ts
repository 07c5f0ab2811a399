import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/export-command.ts';
import { forgetCommand } from '../../src/cli/forget-command.ts';
import { buildDigest } from '../../src/core/insights/build-digest.ts';
import { computeInsights } from '../../src/core/insights/compute-insights.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { PRIVACY_AUDIT } from '../../src/store/privacy-repo.ts';
import { openTestStore } from '../helpers/db.ts';
import { ALICE, MOD, seedPrivacyData, TEXT } from './privacy-seed.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** Every document of every collection, as text, by collection (privacy_audit apart). */
async function dump(store: MongoFeedbackStore, skip: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const names = (await store.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names.filter((n) => !skip.includes(n))) {
    const docs = await store.db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = BSON.EJSON.stringify(docs);
  }
  return out;
}

const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-04T00:00:00Z') };
/** The totals insights report: counts and rates, which forget must leave as they were. */
async function totals(store: MongoFeedbackStore) {
  const i = await computeInsights(store, RANGE, { now: RANGE.to });
  return {
    interactions: i.interactions,
    feedback: i.feedback,
    up: i.up,
    down: i.down,
    positiveRate: i.positiveRate,
    byKind: i.byKind,
    averageRating: i.averageRating,
    byPlatform: i.byPlatform,
    reviews: i.reviews,
    corrections: i.corrections.map((c) => c.status),
    patterns: i.opportunities.patterns.map((p) => [p.patternKey, p.negative, p.total]),
  };
}

async function forget(store: MongoFeedbackStore, who: string, extra: string[] = ['--yes']) {
  const cap = capture();
  const code = await forgetCommand(['--user', who, ...extra, '--json'], {
    privacy: store.privacy,
    io: cap.io,
    env: { HEED_OPERATOR: 'dpo@example.test' },
  });
  return { code, out: cap.out(), err: cap.err() };
}

describe('heed forget', () => {
  it('removes a person everywhere, keeps every total, and a second run changes nothing', async () => {
    const store = await openTestStore('forget');
    const { end } = await seedPrivacyData(store);
    // A stored digest that names Alice and quotes her correction (digests keep their built content).
    const digest = await buildDigest(
      store,
      { from: RANGE.from, to: RANGE.to, key: '2026-W45' },
      { now: end },
    );
    await store.digests.claim({
      periodKey: '2026-W45',
      channel: 'slack:C-DIGEST',
      owner: 'test',
      now: end,
      digest,
      staleMs: 60_000,
      maxAttempts: 3,
    });
    const needles = [
      ALICE.id,
      ALICE.name,
      TEXT.aliceCorrection,
      'How do I rotate the signing key?',
      'How do I enable single sign-on?',
    ];
    const before = await dump(store);
    for (const n of needles) expect(Object.values(before).join('\n'), n).toContain(n);
    expect(before.digests).toContain(ALICE.name);
    const totalsBefore = await totals(store);
    const knowledgeBefore = await store.knowledge.listLatest();

    const first = await forget(store, `slack:${ALICE.id}`);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.out);
    expect(result.counts).toMatchObject({ interactions: 2, feedback: 1 });

    const after = await dump(store);
    for (const [name, text] of Object.entries(after))
      for (const n of needles) expect(text.includes(n), `${name} still holds ${n}`).toBe(false);
    expect(await totals(store)).toEqual(totalsBefore);
    // The knowledge approved from the review Alice's correction joined stays, answer and all.
    const knowledgeAfter = await store.knowledge.listLatest();
    expect(knowledgeAfter.map((k) => [k.id, k.answer, k.version])).toEqual(
      knowledgeBefore.map((k) => [k.id, k.answer, k.version]),
    );
    // Its provenance points at her re-keyed feedback, which still exists (as a tombstone).
    const entry = knowledgeAfter.find((k) => k.answer === TEXT.approved)!;
    const sources = await store.db
      .collection('feedback')
      .find({ _id: { $in: entry.sourceFeedbackIds } } as never)
      .toArray();
    expect(sources).toHaveLength(entry.sourceFeedbackIds.length);
    expect(sources.some((f) => String(f.userId).startsWith('forgotten-') && f.value === '')).toBe(true);

    const audit = await store.db.collection(PRIVACY_AUDIT).find({}).toArray();
    expect(audit).toMatchObject([{ action: 'forget', operator: 'dpo@example.test', counts: result.counts }]);

    const second = await forget(store, `slack:${ALICE.id}`);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out).total).toBe(0);
    expect(await dump(store, [PRIVACY_AUDIT])).toEqual(await dumpWithout(after));
    expect(await totals(store)).toEqual(totalsBefore);
  });

  it("a moderator's identity leaves reviews, resolutions, knowledge and instructions; the knowledge stays", async () => {
    const store = await openTestStore('forget_mod');
    await seedPrivacyData(store);
    const r = await forget(store, `slack:${MOD.userId}`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).counts).toMatchObject({
      reviews: 1,
      resolutions: 1,
      knowledge: 1,
      instructions: 2,
    });
    const text = Object.values(await dump(store)).join('\n');
    expect(text).not.toContain(MOD.userId);
    expect(text).not.toContain(MOD.name);
    const entry = (await store.knowledge.listLatest()).find((k) => k.answer === TEXT.approved)!;
    expect(entry.approvedBy).toMatchObject({ platform: 'slack', isModerator: true });
    expect(entry.approvedBy!.userId).toMatch(/^forgotten-/);
    const cap = capture();
    await exportCommand(['user', '--user', `slack:${MOD.userId}`], { store, io: cap.io });
    expect(JSON.parse(cap.out())).toMatchObject({
      interactions: [],
      feedback: [],
      moderatorActions: { reviews: [] },
    });
  });

  it('drops delivery keys that name the user; asks first on a terminal; refuses without one', async () => {
    const store = await openTestStore('forget_ask');
    await seedPrivacyData(store);
    await store.deliveries.claim(`slack:action:${ALICE.id}:a1:1700000000.1`, new Date());
    await store.deliveries.claim('slack:action:U0BOB:a1:1700000000.2', new Date());
    const cap = capture();
    const no = await forgetCommand(['--user', `slack:${ALICE.id}`], { privacy: store.privacy, io: cap.io });
    expect(no).toBe(2);
    expect(cap.err()).toContain('--yes');
    let asked = '';
    const declined = await forgetCommand(['--user', `slack:${ALICE.id}`], {
      privacy: store.privacy,
      io: cap.io,
      confirm: async (q) => {
        asked = q;
        return false;
      },
    });
    expect(declined).toBe(1);
    expect(asked).toContain(`slack:${ALICE.id}`);
    expect(await store.db.collection('interactions').countDocuments({ 'ref.userId': ALICE.id })).toBe(2);
    const yes = await forgetCommand(['--user', `slack:${ALICE.id}`, '--json'], {
      privacy: store.privacy,
      io: cap.io,
      confirm: async () => true,
    });
    expect(yes).toBe(0);
    // Keys that name nobody (e.g. the core's `review-post:` claims) stay; Alice's are gone, Bob's stay.
    const left = (await store.db.collection('deliveries').distinct('_id')) as unknown as string[];
    expect(left.filter((k) => k.startsWith('slack:'))).toEqual(['slack:action:U0BOB:a1:1700000000.2']);
    expect(await forgetCommand(['--user', 'nobody'], { privacy: store.privacy, io: cap.io })).toBe(2);
  });
});

describe('heed forget flags', () => {
  it('an unknown or value-less flag is a usage error that names it; nothing is forgotten', async () => {
    const store = createMemoryFeedbackStore();
    for (const [args, message] of [
      [['--usr', `slack:${ALICE.id}`, '--yes'], "Unknown option '--usr'"],
      [['--user'], "Option '--user <value>' argument missing"],
      [['--user', `slack:${ALICE.id}`, 'extra'], "Unexpected argument 'extra'"],
    ] as const) {
      const cap = capture();
      expect(await forgetCommand([...args], { privacy: store.privacy, io: cap.io }), args.join(' ')).toBe(2);
      expect(cap.err()).toContain(`heed forget: ${message}`);
      expect(cap.err()).toContain('usage: heed forget --user');
    }
  });
});

/** The first dump without the audit collection, for comparing with a later one. */
async function dumpWithout(d: Record<string, string>): Promise<Record<string, string>> {
  const { [PRIVACY_AUDIT]: _, ...rest } = d;
  return rest;
}
