import type { Db } from 'mongodb';
import type { FakeSlack } from '../helpers/fake-slack.ts';
import type { ClickPlan } from './click-load.ts';

export interface ClickOutcomes {
  sent: number;
  /** A vote row exists for the click's (interaction, user). */
  recorded: number;
  /** Not recorded, but its user was told so (ephemeral or DM), or Slack was refused the ack (non-200). */
  refusedAndTold: number;
  /** Neither recorded nor told: a silent loss. Must be 0. */
  lost: number;
  /** Extra vote rows for one (interaction, user, kind). Must be 0. */
  duplicates: number;
  lostClicks: ClickPlan[];
}

const THANKS = /^Thanks/;

/** What became of each click: read from the database and from what the fake Slack was asked to post. */
export async function clickOutcomes(
  db: Db,
  fake: FakeSlack,
  clicks: (ClickPlan & { status?: number })[],
): Promise<ClickOutcomes> {
  const users = new Set(clicks.map((c) => c.userId));
  const rows = await db
    .collection('feedback')
    .find({ kind: 'vote' }, { projection: { interactionId: 1, userId: 1 } })
    .toArray();
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!users.has(r.userId)) continue;
    const key = `${r.interactionId}|${r.userId}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const told = new Set<string>();
  for (const call of fake.calls) {
    if (call.method !== 'chat.postEphemeral' && call.method !== 'chat.postMessage') continue;
    const to = String(call.args.user ?? call.args.channel ?? '');
    if (users.has(to) && !THANKS.test(String(call.args.text ?? ''))) told.add(to);
  }
  const out: ClickOutcomes = {
    sent: clicks.length,
    recorded: 0,
    refusedAndTold: 0,
    lost: 0,
    duplicates: 0,
    lostClicks: [],
  };
  for (const c of clicks) {
    const n = seen.get(`${c.interactionId}|${c.userId}`) ?? 0;
    if (n > 0) {
      out.recorded++;
      out.duplicates += n - 1;
    } else if (told.has(c.userId) || (c.status !== undefined && c.status !== 200)) out.refusedAndTold++;
    else {
      out.lost++;
      out.lostClicks.push(c);
    }
  }
  return out;
}

/**
 * Polls until every click is decided (recorded or told) or `timeoutMs` passed; returns the outcomes
 * and when (performance.now()) the last one was decided. heed replies to a click only after its write
 * (and, for a 👎, its review) is done, so a reply seen by the fake Slack — checked every 20 ms in this
 * process — decides a click without loading the database; the database itself is read once a second
 * (a full read of the votes, which would slow the heed it measures if it ran every few ms) for clicks
 * recorded without a reply, and once at the end for the outcomes.
 */
export async function settleClicks(
  db: Db,
  fake: FakeSlack,
  clicks: (ClickPlan & { status?: number })[],
  timeoutMs: number,
): Promise<{ outcomes: ClickOutcomes; settledAt: number }> {
  const until = performance.now() + timeoutMs;
  const undecided = new Set(
    clicks.filter((c) => c.status === undefined || c.status === 200).map((c) => c.userId),
  );
  let settledAt = performance.now();
  let scanned = 0;
  let lastDbRead = -Infinity;
  const decide = (userId: string) => {
    if (undecided.delete(userId)) settledAt = performance.now();
  };
  while (undecided.size > 0 && performance.now() < until) {
    for (; scanned < fake.calls.length; scanned++) {
      const call = fake.calls[scanned]!;
      if (call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage')
        decide(String(call.args.user ?? call.args.channel ?? ''));
    }
    if (undecided.size > 0 && performance.now() - lastDbRead >= 1000) {
      lastDbRead = performance.now();
      const now = await clickOutcomes(db, fake, clicks).catch(() => undefined);
      if (now) {
        const open = new Set(now.lostClicks.map((c) => c.userId));
        for (const userId of [...undecided]) if (!open.has(userId)) decide(userId);
      }
    }
    if (undecided.size > 0) await new Promise((r) => setTimeout(r, 20));
  }
  return { outcomes: await clickOutcomes(db, fake, clicks), settledAt };
}
