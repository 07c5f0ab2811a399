import { describe, expect, it } from 'vitest';
import { answerMessages } from '../../../../adapters/discord/render/answer-message.ts';
import { toDiscordMarkdown } from '../../../../adapters/discord/render/discord-markdown.ts';

const ZWSP = '\u200b';

describe('answers as Discord Markdown', () => {
  it('passes ordinary Markdown through unchanged', () => {
    const md =
      '## Reset\n\nOpen **Settings** → _Security_, run `heed reset`.\n\n- one\n- two\n\n```sh\nnpx heed\n```\n\n[the guide](https://example.com/help)';
    expect(toDiscordMarkdown(md)).toBe(md.replace('https://example.com/help', 'https://example.com/help'));
  });

  it('hostile Markdown: mentions defused, unsafe or deceptive links made inert', () => {
    const out = toDiscordMarkdown(
      '@everyone @here <@123> <@!124> <@&456> <#789> </ask:1> [x](javascript:alert(1)) [y](data:text/html,hi) ' +
        '[https://bank.example](https://evil.example/login) [bank.example](https://bank.example/login) <script>x</script>',
    );
    expect(out).not.toMatch(/@(everyone|here)/);
    expect(out).toContain(`@${ZWSP}everyone`);
    expect(out).not.toMatch(/<[@#]|<\/[\w -]+:\d+>/);
    expect(out).toContain(`<${ZWSP}@&456>`);
    // No masked link to anything but http(s): the brackets are escaped, so Discord shows text.
    expect(out).toContain('\\[x\\](javascript:alert(1))');
    expect(out).not.toContain('data:'); // a plain-target link keeps only its label
    expect(out).toContain('https://bank.example (<https://evil.example/login>)');
    expect(out).toContain('[bank.example](https://bank.example/login)');
    expect(out).toContain('<script>x</script>'); // Discord renders no HTML
  });

  it('answer embeds carry the defused text', () => {
    const [part] = answerMessages({
      id: 'i1',
      question: 'q',
      answer: '**Yes** @everyone, see [docs](https://d.example)',
    });
    expect(part!.embeds[0]!.description).toBe(`**Yes** @${ZWSP}everyone, see [docs](https://d.example/)`);
  });
});
