import { describe, expect, it } from 'vitest';
import { excerpt, excerptLine, oneLine, quoted } from '../../../src/core/presentation/index.ts';

describe('excerpt', () => {
  it('keeps text that fits and marks a cut with one ellipsis counted in max', () => {
    expect(excerpt('hello', 5)).toBe('hello');
    expect(excerpt('hello world', 6)).toBe('hello…');
    expect(excerpt('hello world', 6)).toHaveLength(6);
    expect(excerpt('hello', 0)).toBe('');
  });

  it('never cuts an emoji, a flag or a skin-toned emoji in half', () => {
    expect(excerpt(`${'a'.repeat(8)}😀tail`, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(excerpt(`ab🇩🇪cd`, 5)).toBe('ab…');
    expect(excerpt(`ab👍🏽cd`, 6)).toBe('ab…');
    expect(excerpt(`ab👍🏽cd`, 7)).toBe('ab👍🏽…');
  });

  it('keeps line breaks; the one-line form collapses whitespace first', () => {
    expect(excerpt('a\nb\nc', 10)).toBe('a\nb\nc');
    expect(oneLine('  a\n\n b\tc ')).toBe('a b c');
    expect(excerptLine('one\n two   three', 9)).toBe('one two…');
    expect(quoted('How do I\nreset it?', 80)).toBe('“How do I reset it?”');
  });

  it('is at most max characters for any input', () => {
    const texts = ['x'.repeat(1000), '😀'.repeat(300), 'é'.repeat(50), 'a😀'.repeat(200)];
    for (const t of texts)
      for (const max of [1, 2, 3, 10, 99]) expect(excerpt(t, max).length).toBeLessThanOrEqual(max);
  });
});
