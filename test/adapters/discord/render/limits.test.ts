import { describe, expect, it } from 'vitest';
import { answerMessages } from '../../../../adapters/discord/render/answer-message.ts';
import { clip, embedLength, splitText } from '../../../../adapters/discord/render/limits.ts';
import { splitInstructions } from '../../../../adapters/discord/render/review-forms.ts';

describe('Discord text limits', () => {
  it('splitText keeps every character, respects the maximum and prefers paragraph and word breaks', () => {
    const text = Array.from({ length: 50 }, (_, n) => `Paragraph ${n} ${'word '.repeat(n * 3)}`).join('\n\n');
    const parts = splitText(text, 500);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.endsWith('\n\n') || p.endsWith(' '))).toBe(true);
    expect(splitText('short', 500)).toEqual(['short']);
    const noSpaces = 'x'.repeat(1234);
    expect(splitText(noSpaces, 500).map((p) => p.length)).toEqual([500, 500, 234]);
  });

  it('never cuts an emoji (surrogate pair) in half', () => {
    const text = `${'a'.repeat(499)}😀${'b'.repeat(10)}`;
    const parts = splitText(text, 500);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toBe('a'.repeat(499));
    expect(clip(`${'a'.repeat(8)}😀tail`, 10)).toBe(`${'a'.repeat(8)}…`);
    const [first, second] = splitInstructions(`${'i'.repeat(3999)}😀rest`);
    expect(first).toBe('i'.repeat(3999));
    expect(first + second).toBe(`${'i'.repeat(3999)}😀rest`);
  });

  it('clip shortens visibly and only when needed', () => {
    expect(clip('hello', 5)).toBe('hello');
    expect(clip('hello world', 6)).toBe('hello…');
  });

  it('an answer of any length becomes messages within Discord limits, controls only on the last', () => {
    const answer = `${'A long answer sentence. '.repeat(700)}END`;
    const parts = answerMessages({ id: '0123456789abcdef01234567', question: 'Q?'.repeat(300), answer });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.embeds[0]!.description).join('')).toBe(answer);
    for (const p of parts) {
      expect(p.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect(p.embeds[0]!.description!.length).toBeLessThanOrEqual(4096);
    }
    expect(parts[0]!.embeds[0]!.title!.length).toBeLessThanOrEqual(256);
    expect(parts.map((p) => p.components.length)).toEqual([...parts.slice(1).map(() => 0), 2]);
    const [single] = answerMessages({ id: '0123456789abcdef01234567', question: 'Q', answer: '' });
    expect(single!.embeds[0]!.description).toBe('(no answer)');
  });
});
