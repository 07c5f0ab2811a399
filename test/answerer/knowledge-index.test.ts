import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../src/answerer/knowledge-index.ts';
import { significantTerms } from '../../src/answerer/search-text.ts';
import type { KnowledgeEntry } from '../../src/core/types.ts';

let n = 0;
const entry = (question: string, answer: string): KnowledgeEntry => ({
  id: String(++n).padStart(24, '0'),
  patternKey: question.toLowerCase(),
  question,
  answer,
  version: 1,
  source: 'seed',
  sourceFeedbackIds: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

const ENTRIES = [
  entry('How can I change my password?', 'Open Settings → Security and choose a new one.'),
  entry('How do I configure Slack?', 'Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.'),
  entry('How do I configure Discord?', 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID.'),
  entry('How do I configure MongoDB?', 'Set MONGODB_URI to your cluster.'),
  entry('What is in the weekly digest?', 'Volume, positive rate, trend, issues and corrections.'),
];
const index = new KnowledgeIndex(ENTRIES);

describe('KnowledgeIndex (MiniSearch over question + answer)', () => {
  it('drops stop words and stems, so inflections meet', () => {
    expect(significantTerms('How do I reset my passwords?')).toEqual(['reset', 'password']);
    expect(significantTerms('configuring')).toEqual(significantTerms('configure'));
    expect(significantTerms('how do I')).toEqual([]);
  });

  it('finds a paraphrase that shares the rare word', () => {
    expect(index.best('how do i reset my password')?.entry.question).toBe('How can I change my password?');
    expect(index.best('passwords: changing them')?.entry.question).toBe('How can I change my password?');
  });

  it('tolerates a typo and ranks the entry that matches every word first', () => {
    expect(index.best('configuring discort')?.entry.question).toBe('How do I configure Discord?');
    expect(index.best('When is the weekly digest posted?')?.entry.question).toBe(
      'What is in the weekly digest?',
    );
  });

  it('does not answer when only a common word matches, or nothing does', () => {
    const jira = index.find('How do I configure Jira?');
    expect(jira.length).toBeGreaterThan(0); // "configure" matches three entries…
    expect(jira.every((h) => h.coverage === 0.5)).toBe(true);
    expect(index.best('How do I configure Jira?')).toBeNull(); // …but none is about Jira
    expect(index.best('What is the refund policy?')).toBeNull();
    // Half the words, found only in an answer, is too weak; all of them is enough.
    const trends = index.find('trend of the sales');
    expect(trends[0]).toMatchObject({ coverage: 0.5, questionMatch: false });
    expect(index.best('trend of the sales')).toBeNull();
    expect(index.best('trend')?.entry.question).toBe('What is in the weekly digest?');
    expect(index.best('hello, how are you?')).toBeNull();
    expect(new KnowledgeIndex([]).best('password')).toBeNull();
  });
});
