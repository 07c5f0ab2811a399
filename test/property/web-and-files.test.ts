import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUser, pick } from '../../adapters/web/handlers/request-body.ts';
import { createWebAdapter } from '../../adapters/web/index.ts';
import { parseJsonSeed, parseMarkdownSeed, SEED_ANSWER_MAX } from '../../src/answerer/seed-format.ts';
import { clusterCommand } from '../../src/cli/cluster-command.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import { LIMITS } from '../../src/core/schemas.ts';
import { startHttpServer } from '../../src/http/http-server.ts';
import { openTestStore } from '../helpers/db.ts';
import { fixedAnswerer, memoryLogger } from '../helpers/fakes.ts';
import {
  dangerousKeys,
  guardedStore,
  HOSTILE_KEYS,
  heedOrValue,
  heedOrValueAsync,
  hexId,
  hostileObject,
  hostileValue,
  hugeString,
  prototypeIsClean,
} from './hostile.ts';

const store = guardedStore(await openTestStore('prop_web'));
const logger = memoryLogger();
const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger });
const web = createWebAdapter({ core, logger });
core.attachPlatform(web);
const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: web.routes(), logger });
afterAll(async () => {
  await web.stop();
  await server.close();
});
const interaction = await core.answer('Where is the VPN config?', { platform: 'web', userId: 'asker' });

const user = { userId: fc.oneof(fc.constantFrom('web-ada', 'web-mo'), fc.string()), userName: fc.string() };
const bodies = {
  '/api/ask': hostileObject({ ...user, question: fc.oneof(fc.string(), hugeString) }),
  '/api/feedback': hostileObject({
    ...user,
    interactionId: fc.oneof(fc.constant(interaction.id), hexId),
    kind: fc.constantFrom('vote', 'rating', 'correction'),
    value: fc.oneof(fc.constantFrom('up', 'down', 3), fc.string()),
    reasons: fc.array(fc.constantFrom('outdated', '$gt')),
    comment: fc.string(),
  }),
  [`/api/reviews/${'b'.repeat(24)}/resolve`]: hostileObject({
    ...user,
    action: fc.constantFrom('dismiss', 'apply_correction'),
    text: fc.string(),
    note: fc.string(),
    isModerator: fc.constant(true),
  }),
};

describe('playground API bodies (property)', () => {
  it('parseUser and pick: a HeedError or clean values, never a hostile key', () => {
    fc.assert(
      fc.property(hostileObject({ ...user, extra: hostileValue }), (body) => {
        const u = heedOrValue(() => parseUser(body));
        if (u.ok) {
          expect(u.value.userId).toMatch(/^[A-Za-z0-9_.@-]+$/);
          expect(dangerousKeys(u.value)).toEqual([]);
        }
        const picked = pick(body, ['interactionId', 'kind', 'value', 'reasons', 'comment']);
        expect(Object.keys(picked).every((k) => !(HOSTILE_KEYS as readonly string[]).includes(k))).toBe(true);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('over HTTP: every hostile body gets a 2xx or a 4xx, no hostile key reaches the store', async () => {
    const paths = Object.keys(bodies);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(...Object.values(bodies), hostileValue),
        async (path, body) => {
          const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body) ?? 'undefined',
          });
          await res.text();
          expect(res.status).toBeLessThan(500);
          expect(store.violations).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
    // Not one moderator action got through: the body's isModerator is ignored.
    expect(store.writes.filter((w) => /claimResolution|close|knowledge|instructions/.test(w))).toEqual([]);
  });
});

/** Lines of a file: JSON objects with hostile keys, broken JSON, huge lines. */
const fileLines = fc.array(
  fc.oneof(
    hostileObject({ text: fc.string(), id: fc.integer() }).map((o) => JSON.stringify(o)),
    hostileValue.map((v) => JSON.stringify(v) ?? ''),
    fc.string(),
    fc.constantFrom(
      '{"__proto__": {"polluted": true}, "text": "a"}',
      '{"constructor": {"prototype": {"isModerator": true}}, "text": "b"}',
    ),
  ),
  { maxLength: 12 },
);
// Clustering a 70 kB text takes a while: the property runs on lines of ordinary size, and one
// explicit case below covers a huge line.
const smallFileLines = fileLines.map((ls) => ls.filter((l) => l.length < 2_000));

describe('heed cluster input lines and seed knowledge files (property)', () => {
  it('heed cluster answers exit 0 with every line annotated, or exit 2 naming a line; never throws', async () => {
    await fc.assert(
      fc.asyncProperty(smallFileLines, async (lines) => {
        const out: string[] = [];
        const err: string[] = [];
        const io = {
          stdout: (s: string) => void out.push(s),
          stderr: (s: string) => void err.push(s),
          readFile: async () => lines.join('\n'),
        };
        const code = await heedOrValueAsync(() => clusterCommand(['--input', 'x.jsonl'], io));
        expect(code.ok).toBe(true);
        if (!code.ok) return;
        expect([0, 2]).toContain(code.value);
        if (code.value === 2) expect(err.join('')).toMatch(/line \d+/);
        else
          expect(out.join('').split('\n').filter(Boolean)).toHaveLength(lines.filter((l) => l.trim()).length);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 80 },
    );
    const out: string[] = [];
    const huge = `${JSON.stringify({ text: 'x '.repeat(40_000), $where: '1' })}\n{"text":"ok"}`;
    const io = { stdout: (s: string) => void out.push(s), stderr: () => {}, readFile: async () => huge };
    expect(await clusterCommand(['--input', 'x.jsonl'], io)).toBe(0);
    expect(out.join('').split('\n').filter(Boolean)).toHaveLength(2);
  });

  const checkSeed = (parsed: ReturnType<typeof parseJsonSeed>) => {
    for (const e of parsed.entries) {
      expect(typeof e.question).toBe('string');
      expect(e.question.length).toBeGreaterThan(0);
      expect(e.question.length).toBeLessThanOrEqual(LIMITS.question);
      expect(e.answer.length).toBeGreaterThan(0);
      expect(e.answer.length).toBeLessThanOrEqual(SEED_ANSWER_MAX);
      expect(Object.keys(e).sort()).toEqual(['answer', 'at', 'question']);
    }
    expect(parsed.errors.every((x) => typeof x === 'string')).toBe(true);
    expect(prototypeIsClean()).toBe(true);
  };

  it('JSON seed files: valid string entries or errors, whatever the file holds', () => {
    const files = fc.oneof(
      fc
        .array(
          hostileObject({
            question: fc.oneof(fc.string(), hugeString),
            answer: fc.oneof(fc.string(), hugeString),
          }),
          { maxLength: 5 },
        )
        .map((a) => JSON.stringify(a)),
      hostileValue.map((v) => JSON.stringify(v) ?? ''),
      fc.string(),
    );
    fc.assert(
      fc.property(files, (text) => checkSeed(parseJsonSeed(text))),
      { numRuns: 400 },
    );
  });

  it('Markdown seed files: valid entries or errors', () => {
    const md = fc
      .array(
        fc.oneof(
          fc.string().map((s) => `## ${s}`),
          fc.string(),
          hugeString,
          fc.constantFrom('```', '## __proto__', '## $where', ''),
        ),
        { maxLength: 10 },
      )
      .map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(md, (text) => checkSeed(parseMarkdownSeed(text))),
      { numRuns: 400 },
    );
  });
});
