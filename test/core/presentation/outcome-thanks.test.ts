import { describe, expect, it } from 'vitest';
import {
  alreadyClosedText,
  correctionThanks,
  outcomeIcon,
  outcomeOrStatus,
  outcomeSentence,
  ratingThanks,
  reasonsThanks,
  resolvedConfirmation,
  voteReply,
} from '../../../src/core/presentation/index.ts';
import type { Resolution } from '../../../src/core/types.ts';

const at = new Date('2026-11-02T09:00:00Z');
const actor = { platform: 'slack' as const, userId: 'UMOD3', name: 'Mo' };
const resolution = (r: Partial<Resolution>): Resolution => ({ action: 'dismiss', actor, at, ...r });

describe('review outcome', () => {
  it('says who did what, with the version written', () => {
    expect(outcomeSentence(resolution({ action: 'apply_correction', knowledgeVersion: 2 }))).toBe(
      'Mo applied the correction to the knowledge base (version 2).',
    );
    expect(outcomeSentence(resolution({ action: 'update_instructions', instructionsVersion: 3 }))).toBe(
      "Mo updated the assistant's instructions (version 3).",
    );
    expect(outcomeSentence(resolution({ note: 'Duplicate of an old ticket' }))).toBe(
      'Mo dismissed this review: Duplicate of an old ticket',
    );
    expect(outcomeSentence(resolution({ actor: { platform: 'web', userId: 'w1' } }))).toBe(
      'w1 dismissed this review.',
    );
  });

  it('lets a platform render the actor and escape the note without rewording', () => {
    const style = {
      actor: (a: { userId: string }) => `<@${a.userId}>`,
      text: (s: string) => s.replace(/</g, '&lt;'),
    };
    expect(outcomeSentence(resolution({ action: 'apply_correction' }), style)).toBe(
      '<@UMOD3> applied the correction to the knowledge base.',
    );
    expect(outcomeSentence(resolution({ note: '<!channel>' }), style)).toBe(
      '<@UMOD3> dismissed this review: &lt;!channel>',
    );
  });

  it('quotes at most a bounded excerpt of a long note', () => {
    const line = outcomeSentence(resolution({ note: 'n'.repeat(5000) }));
    expect(line.length).toBeLessThan(1100);
    expect(line.endsWith('…')).toBe(true);
  });

  it('icons, status fallback, confirmation and already-closed texts', () => {
    expect(outcomeIcon('dismiss')).toBe('🚫');
    expect(outcomeIcon('apply_correction')).toBe('✅');
    expect(outcomeOrStatus({ status: 'dismissed' })).toBe('Review dismissed.');
    expect(resolvedConfirmation(resolution({ action: 'apply_correction', knowledgeVersion: 1 }))).toBe(
      'Done — the correction is now knowledge entry v1 for this question.',
    );
    expect(resolvedConfirmation(resolution({ action: 'update_instructions', instructionsVersion: 4 }))).toBe(
      "Done — the assistant's instructions are now version 4.",
    );
    expect(resolvedConfirmation(resolution({}))).toBe('Done — the review is dismissed.');
    expect(alreadyClosedText('resolved', 'Mo Derator')).toBe(
      'This review was already resolved by Mo Derator.',
    );
    expect(alreadyClosedText('dismissed')).toBe('This review was already dismissed.');
  });
});

describe('feedback thanks', () => {
  it('answers a vote by what happened to it', () => {
    expect(voteReply('up', 'created')).toBe('Thanks — your 👍 is recorded.');
    expect(voteReply('down', 'updated')).toBe('Your vote is now 👎.');
    expect(voteReply('up', 'unchanged')).toBe('You already voted 👍; nothing changed.');
  });

  it('thanks for ratings, reasons and corrections', () => {
    expect(ratingThanks(4)).toBe('Thanks — you rated this answer 4/5.');
    expect(reasonsThanks(['outdated', 'incomplete'])).toBe('Thanks — noted: outdated, incomplete.');
    expect(reasonsThanks([])).toBe('Thanks — noted.');
    expect(correctionThanks(true)).toBe('Thanks! Your correction was sent to the moderators for review.');
    expect(correctionThanks(false)).toBe('Thanks! Your correction is recorded.');
  });
});
