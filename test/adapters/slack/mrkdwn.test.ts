import { describe, expect, it } from 'vitest';
import { answerMessages } from '../../../adapters/slack/render/answer.ts';
import { markdownSections, markdownToMrkdwn } from '../../../adapters/slack/render/mrkdwn.ts';
import type { Interaction } from '../../../src/core/types.ts';

/** Every `<…>` in mrkdwn is a link, mention or command: the only ones allowed are http(s) links. */
const entities = (text: string) => [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]!);

describe('Markdown → Slack mrkdwn', () => {
  it('converts the Markdown LLMs write: bold, italics, code, links, headings, lists, quotes', () => {
    const md = [
      '## Resetting a password',
      '',
      'Open **Settings**, then _Security_ and run `heed reset --user me`.',
      '',
      '- Step one',
      '- Step two',
      '  - a detail',
      '',
      '3. three',
      '4. four',
      '',
      '```sh',
      'npx heed digest --dry-run',
      '```',
      '',
      '> Note: ~~old~~ new [docs](https://example.com/a?x=1&y=2).',
    ].join('\n');
    expect(markdownToMrkdwn(md)).toBe(
      [
        '*Resetting a password*',
        '',
        'Open *Settings*, then _Security_ and run `heed reset --user me`.',
        '',
        '• Step one',
        '• Step two',
        '    • a detail',
        '',
        '3. three',
        '4. four',
        '',
        '```',
        'npx heed digest --dry-run',
        '```',
        '',
        '> Note: ~old~ new <https://example.com/a?x=1&amp;y=2|docs>.',
      ].join('\n'),
    );
  });

  it('hostile Markdown: no mention, broadcast, command or non-http(s) link survives', () => {
    const hostile = [
      '<!channel> <!here> <!everyone> <@U123ABC> <#C42|general> <!subteam^S1>',
      '<script>alert(1)</script> <img src=x onerror="alert(1)">',
      '[click](javascript:alert(1)) [mail](mailto:a@b.c) [data](data:text/html,<b>x</b>)',
      '[ok <!channel>](https://example.com/?q=<!channel>) <https://example.com|fake <!here>>',
      '`<!channel>` and **<@U999>**',
      '```',
      '<!everyone>',
      '```',
    ].join('\n\n');
    const out = markdownToMrkdwn(hostile);
    for (const e of entities(out)) expect(e).toMatch(/^https?:\/\/[^<>|]+(\|[^<>]*)?$/);
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Refused links stay visible as inert text.
    expect(out).toContain('[click](javascript:alert(1))');
    expect(out).not.toMatch(/<(javascript|mailto|data):/);
    expect(out).toContain('<https://example.com/?q=%3C!channel%3E|ok &lt;!channel&gt;>');
    expect(out).toContain('`&lt;!channel&gt;`');
  });

  it('a URL-looking label never hides another target', () => {
    expect(markdownToMrkdwn('[https://bank.example](https://evil.example/login)')).toBe(
      'https://bank.example (<https://evil.example/login>)',
    );
    expect(markdownToMrkdwn('[bank.example/login](https://evil.example)')).toBe(
      'bank.example/login (<https://evil.example/>)',
    );
    expect(markdownToMrkdwn('see https://example.com/x')).toBe('see <https://example.com/x>');
  });

  it('answers go out as mrkdwn sections within Slack limits; the notification text is escaped', () => {
    const interaction = {
      id: 'i1',
      question: 'q',
      answer: `**Hi** <!channel>\n\n${'- item with some words\n'.repeat(400)}`,
      ref: { platform: 'slack', userId: 'U1' },
    } as unknown as Interaction;
    const messages = answerMessages(interaction);
    const sections = messages.flatMap((m) =>
      m.blocks.flatMap((b) => (b.type === 'section' && 'text' in b && b.text ? [b.text.text] : [])),
    );
    expect(sections[0]!.startsWith('*Hi* &lt;!channel&gt;')).toBe(true);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(3000);
    expect(sections.join('').match(/• item/g)).toHaveLength(400);
    expect(messages[0]!.text).not.toContain('<!channel>');
    expect(markdownSections('   ')[0]!.text.text).toBe('(empty)');
  });
});
