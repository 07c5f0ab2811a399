import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../adapters/web/index.ts';
import { MD_TAGS } from '../../../adapters/web/render/markdown-tags.ts';
import { LIMITS } from '../../../src/core/schemas.ts';
import { REASON_LABELS, REASONS } from '../../../src/core/types.ts';
import { call, MODERATING, NO_ANSWER, startPlayground } from './harness.ts';

const pg = await startPlayground('webapi');
const { store, url } = pg;
const ada = { userId: 'web-ada', userName: 'Ada' };
const mod = { userId: 'web-mo', userName: 'Mo' };

const ask = async (question: string, user = ada) => {
  const res = await call(url, '/api/ask', { body: { question, ...user } });
  expect(res.status).toBe(200);
  return res.body.interaction as { id: string; answer: string; patternKey: string; question: string };
};
const vote = (interactionId: string, userId: string, value: 'up' | 'down', extra: object = {}) =>
  call(url, '/api/feedback', { body: { interactionId, userId, kind: 'vote', value, ...extra } });
const counts = async () => ({
  interactions: await store.db.collection('interactions').countDocuments(),
  feedback: await store.db.collection('feedback').countDocuments(),
  reviews: await store.db.collection('reviews').countDocuments(),
});
/** Three users' 👎 on one question: the third raises the pattern's review. */
async function raiseReview(question: string) {
  const i = await ask(question);
  for (const u of ['web-u1', 'web-u2']) expect((await vote(i.id, u, 'down')).body.review).toBeUndefined();
  const third = await vote(i.id, 'web-u3', 'down', { reasons: ['outdated'], comment: 'old info' });
  expect(third.body.review.created).toBe(true);
  return { interaction: i, reviewId: third.body.review.id as string };
}

describe('web playground API over the real core and database', () => {
  it('serves the page with a strict content policy, and only its own assets', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/assets/app.js');
    const js = await fetch(`${url}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    for (const path of ['/assets/nope.js', '/assets/..%2Foutbound.ts', '/assets/../index.ts'])
      expect((await fetch(url + path)).status).toBe(404);
  });

  it("serves the page the server's own list of Markdown tags, as a module (no copy on the page)", async () => {
    const res = await fetch(`${url}/assets/markdown-tags.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(await res.text()).toContain(`export const MD_TAGS = Object.freeze(${JSON.stringify(MD_TAGS)});`);
  });

  it('asks through the core: the answer comes back and the interaction is stored as web', async () => {
    const i = await ask('How do I reset my password?');
    expect(i.answer).toBe(NO_ANSWER);
    const stored = await store.interactions.get(i.id);
    expect(stored?.ref).toMatchObject({ platform: 'web', userId: 'web-ada', userName: 'Ada' });
  });

  it('records votes once per user: created, updated on change, unchanged on repeat; ratings too', async () => {
    const i = await ask('Where is the office?');
    // `reply`: the shared thanks wording (presentation), so the page keeps no copy of it.
    expect((await vote(i.id, 'web-ada', 'up')).body).toMatchObject({
      status: 'created',
      reply: 'Thanks — your 👍 is recorded.',
    });
    expect((await vote(i.id, 'web-ada', 'up')).body).toMatchObject({
      status: 'unchanged',
      reply: 'You already voted 👍; nothing changed.',
    });
    const changed = await vote(i.id, 'web-ada', 'down', { reasons: ['inaccurate'], comment: 'wrong floor' });
    expect(changed.body).toMatchObject({ status: 'updated', reply: 'Your vote is now 👎.' });
    const rating = await call(url, '/api/feedback', {
      body: { interactionId: i.id, userId: 'web-ada', kind: 'rating', value: 4 },
    });
    expect(rating).toMatchObject({ status: 200, body: { reply: 'Thanks — you rated this answer 4/5.' } });
    const correction = await call(url, '/api/feedback', {
      body: { interactionId: i.id, userId: 'web-ada', kind: 'correction', value: 'Floor 3.' },
    });
    // A correction goes to the moderators: it raises the pattern's review, and the reply says so.
    expect(correction.body).toMatchObject({
      status: 'created',
      review: { created: true },
      reply: 'Thanks! Your correction was sent to the moderators for review.',
    });
    const rows = await store.feedback.recentForPattern(i.patternKey, 10);
    expect(rows.map((f) => [f.kind, f.value, f.platform]).sort()).toEqual([
      ['correction', 'Floor 3.', 'web'],
      ['rating', 4, 'web'],
      ['vote', 'down', 'web'],
    ]);
    expect(rows.find((f) => f.kind === 'vote')).toMatchObject({
      reasons: ['inaccurate'],
      comment: 'wrong floor',
    });
  });

  it('three users giving 👎 raise exactly one review, posted to the web moderators channel', async () => {
    const { interaction, reviewId } = await raiseReview('What is the refund policy?');
    const open = await call(url, '/api/reviews?status=open');
    const mine = open.body.reviews.filter(
      (r: { review: { patternKey: string } }) => r.review.patternKey === interaction.patternKey,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].review.threads).toEqual([
      { platform: 'web', channelId: 'moderators', messageId: reviewId },
    ]);
    expect(mine[0].related[0].summary).toBe('web-u3 voted 👎 (outdated): "old info"');
    const detail = await call(url, `/api/reviews/${reviewId}`);
    expect(detail.body.review.window).toEqual({ negative: 3, total: 3, size: 10 });
  });

  it('refuses a non-moderator with 403 and leaves the review open; a moderator applies the correction', async () => {
    const { interaction, reviewId } = await raiseReview('Which plan includes SSO?');
    const text = 'The Enterprise plan includes SSO.';
    const refused = await call(url, `/api/reviews/${reviewId}/resolve`, {
      body: { action: 'apply_correction', text, ...ada },
    });
    expect(refused).toEqual({ status: 403, body: { error: 'Only moderators can resolve reviews.' } });
    expect((await store.reviews.get(reviewId))?.status).toBe('open');
    expect(await store.knowledge.latestForPattern(interaction.patternKey)).toBeNull();

    const applied = await call(url, `/api/reviews/${reviewId}/resolve`, {
      body: { action: 'apply_correction', text, ...mod },
      headers: MODERATING,
    });
    expect(applied.status).toBe(200);
    expect(applied.body.review.review).toMatchObject({
      status: 'resolved',
      resolution: { knowledgeVersion: 1 },
    });
    // The outcome and the moderator's confirmation come worded by the server, as on Slack and Discord.
    expect(applied.body.review.outcome).toBe('Mo applied the correction to the knowledge base (version 1).');
    expect(applied.body.confirmation).toBe(
      'Done — the correction is now knowledge entry v1 for this question.',
    );
    const entry = await store.knowledge.latestForPattern(interaction.patternKey);
    expect(entry).toMatchObject({
      answer: text,
      approvedBy: { platform: 'web', userId: 'web-mo', name: 'Mo' },
    });
    expect((await ask('which plan includes sso')).answer).toBe(text);
    const again = await call(url, `/api/reviews/${reviewId}/resolve`, {
      body: { action: 'dismiss', ...mod },
      headers: MODERATING,
    });
    expect(again).toEqual({ status: 409, body: { error: 'This review was already resolved by Mo.' } });
    const closed = (await call(url, '/api/reviews?status=closed')).body.reviews;
    expect(closed.find((r: { review: { id: string } }) => r.review.id === reviewId)?.outcome).toBe(
      'Mo applied the correction to the knowledge base (version 1).',
    );
  });

  it('updates the instructions and dismisses through the same route', async () => {
    const a = await raiseReview('Tell me a joke');
    const updated = await call(url, `/api/reviews/${a.reviewId}/resolve`, {
      body: { action: 'update_instructions', text: 'Be concise.', ...mod },
      headers: MODERATING,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.review.outcome).toMatch(
      /^Mo updated the assistant's instructions \(version \d+\)\.$/,
    );
    expect(updated.body.confirmation).toMatch(/^Done — the assistant's instructions are now version \d+\.$/);
    expect((await call(url, '/api/instructions')).body).toEqual({ text: 'Be concise.' });
    const b = await raiseReview('How long is shipping?');
    const dismissed = await call(url, `/api/reviews/${b.reviewId}/resolve`, {
      body: { action: 'dismiss', note: 'fine as is', ...mod },
      headers: MODERATING,
    });
    expect(dismissed.body.review.review).toMatchObject({
      status: 'dismissed',
      resolution: { note: 'fine as is' },
    });
    expect(dismissed.body.review.outcome).toBe('Mo dismissed this review: fine as is');
    expect(dismissed.body.confirmation).toBe('Done — the review is dismissed.');
    // An open review has no outcome yet.
    expect(
      (await call(url, `/api/reviews/${(await raiseReview('Do you ship abroad?')).reviewId}`)).body.review
        .outcome,
    ).toBeUndefined();
  });

  it('refuses bad JSON, oversized bodies, other content types and invalid ids with 4xx, storing nothing', async () => {
    const i = await ask('Is there a student discount?');
    const before = await counts();
    const cases: [string, Parameters<typeof call>[2], number][] = [
      ['/api/ask', { raw: '{"question": ' }, 400],
      ['/api/ask', { raw: '["a list"]' }, 400],
      ['/api/ask', { body: { question: 'x'.repeat(MAX_BODY_BYTES + 10), ...ada } }, 413],
      ['/api/ask', { raw: JSON.stringify({ question: 'hi', ...ada }), type: 'text/plain' }, 415],
      ['/api/ask', { body: { question: '   ', ...ada } }, 400],
      ['/api/ask', { body: { question: 'hi', userId: { $ne: null } } }, 400],
      ['/api/feedback', { body: { interactionId: 'abc', ...ada, kind: 'vote', value: 'up' } }, 400],
      ['/api/feedback', { body: { interactionId: { $gt: '' }, ...ada, kind: 'vote', value: 'up' } }, 400],
      ['/api/feedback', { body: { interactionId: 'f'.repeat(24), ...ada, kind: 'vote', value: 'up' } }, 404],
      ['/api/feedback', { body: { interactionId: i.id, ...ada, kind: 'vote', value: 'sideways' } }, 400],
      ['/api/feedback', { body: { interactionId: i.id, ...ada, kind: 'rating', value: 9 } }, 400],
      ['/api/reviews/not-an-id', {}, 400],
      ['/api/reviews/%E0%A4%A', {}, 400],
      [`/api/reviews/${'a'.repeat(24)}`, {}, 404],
      [
        `/api/reviews/${'a'.repeat(24)}/resolve`,
        { body: { action: 'dismiss', ...mod }, headers: MODERATING },
        404,
      ],
      ['/api/reviews?status=bogus', {}, 400],
      ['/api/insights?days=0', {}, 200], // no insights callback here: "not available" without parsing
      ['/api/nothing-here', {}, 404],
      ['/api/ask', { method: 'GET' }, 405],
      ['/api/ask', { method: 'PUT' }, 405],
      ['/api', {}, 404],
      [`/api/reviews/a%2Fb`, {}, 400],
      [`/api/reviews/${'a'.repeat(24)}/resolve`, {}, 405],
      ['/api/reviews/%E0%A4%A/resolve', { body: { action: 'dismiss', ...mod }, headers: MODERATING }, 400],
    ];
    for (const [path, init, status] of cases) {
      const res = await call(url, path, init);
      expect({ path, status: res.status }).toEqual({ path, status });
      if (status >= 400) expect(typeof res.body.error).toBe('string');
    }
    expect(await counts()).toEqual(before);
  });

  it('says insights and the digest preview are not available when no callbacks were given', async () => {
    expect((await call(url, '/api/insights')).body).toEqual({ available: false });
    expect((await call(url, '/api/digest-preview')).body).toEqual({ available: false });
  });
  it("serves the forms' reasons, labels and length limits from the core's own constants", async () => {
    const res = await call(url, '/api/options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      reasons: REASONS.map((value) => ({ value, label: REASON_LABELS[value] })),
      limits: { ...LIMITS },
    });
    expect((await call(url, '/api/options', { body: {} })).status).toBe(405);
  });

  it('logs a refusal the user caused at warn and answers it; never at error', async () => {
    const { reviewId } = await raiseReview('Can I change my username?');
    const before = pg.logger.lines.length;
    const refused = await call(url, `/api/reviews/${reviewId}/resolve`, {
      body: { action: 'dismiss', ...ada },
    });
    expect(refused.status).toBe(403);
    const lines = pg.logger.lines.slice(before).filter((l) => l.msg?.startsWith('playground API'));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['warn', 'playground API refused a request']]);
    expect(lines[0]!.obj).toMatchObject({ status: 403, path: `/api/reviews/${reviewId}/resolve` });
  });
});
