import { describe, expect, it } from 'vitest';
import {
  ACTION,
  callbackIdFor,
  encodeMeta,
  type ModalMeta,
  parseAction,
  parseMeta,
  rateValue,
  reviewActionId,
  voteValue,
} from '../../../adapters/slack/ids.ts';

const ID = '0123456789abcdef01234567';

describe('Slack id codec', () => {
  it('round-trips every action heed renders', () => {
    expect(parseAction(ACTION.vote, voteValue('up', ID))).toEqual({
      kind: 'vote',
      value: 'up',
      interactionId: ID,
    });
    expect(parseAction(ACTION.vote, voteValue('down', ID))).toEqual({
      kind: 'vote',
      value: 'down',
      interactionId: ID,
    });
    expect(parseAction(ACTION.rate, rateValue(3, ID))).toEqual({ kind: 'rate', value: 3, interactionId: ID });
    expect(parseAction(ACTION.correct, ID)).toEqual({ kind: 'correct', interactionId: ID });
    expect(parseAction(ACTION.why, ID)).toEqual({ kind: 'why', interactionId: ID });
    for (const action of ['apply_correction', 'update_instructions', 'dismiss'] as const)
      expect(parseAction(reviewActionId(action), ID)).toEqual({ kind: 'review', action, reviewId: ID });
  });

  it('says "not mine" (null) for foreign or tampered input instead of throwing', () => {
    const junk: [unknown, unknown][] = [
      ['other_app', ID],
      [ACTION.vote, `maybe:${ID}`],
      [ACTION.vote, `up:${ID}:extra`],
      [ACTION.vote, 'up:ZZZ'],
      [ACTION.vote, `up:${ID.toUpperCase()}`],
      [ACTION.rate, `6:${ID}`],
      [ACTION.rate, `0:${ID}`],
      [ACTION.correct, `${ID} `],
      [ACTION.apply, { $gt: '' }],
      [undefined, ID],
      [ACTION.vote, `up:${ID}${'0'.repeat(200)}`],
    ];
    for (const [a, v] of junk) expect(parseAction(a, v)).toBeNull();
  });

  it('round-trips modal metadata and rejects mismatched or invalid metadata', () => {
    const metas: ModalMeta[] = [
      { kind: 'correction', interactionId: ID, channelId: 'C123', threadTs: '1700000000.000100' },
      { kind: 'reasons', interactionId: ID },
      { kind: 'resolve', action: 'update_instructions', reviewId: ID, channelId: 'CMODS' },
    ];
    for (const m of metas) {
      const encoded = encodeMeta(m);
      expect(encoded.length).toBeLessThanOrEqual(3000);
      expect(parseMeta(callbackIdFor(m), encoded)).toEqual(m);
    }
    expect(parseMeta('heed_reasons', encodeMeta(metas[0]!))).toBeNull(); // kind and callback id disagree
    expect(parseMeta('heed_correction', '{"interactionId":"nope"}')).toBeNull();
    expect(parseMeta('heed_resolve', `{"action":"drop_database","reviewId":"${ID}"}`)).toBeNull();
    expect(parseMeta('heed_correction', 'null')).toBeNull();
    expect(parseMeta('heed_correction', '[')).toBeNull();
    expect(parseMeta('someone_else', encodeMeta(metas[1]!))).toBeNull();
    // Untrusted channel / ts values are dropped, not passed on.
    expect(
      parseMeta(
        'heed_reasons',
        JSON.stringify({ interactionId: ID, channelId: '<!channel>', threadTs: 'x' }),
      ),
    ).toEqual({
      kind: 'reasons',
      interactionId: ID,
      channelId: undefined,
      threadTs: undefined,
    });
  });
});
