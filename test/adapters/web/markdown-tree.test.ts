import { describe, expect, it } from 'vitest';
import { type MdNode, markdownTree, safeHref } from '../../../adapters/web/render/markdown-tree.ts';

const text = (nodes: MdNode[]): string =>
  nodes.map((n) => ('v' in n ? n.v : 'c' in n ? text(n.c) : '')).join('');
const all = (nodes: MdNode[]): MdNode[] => nodes.flatMap((n) => [n, ...('c' in n ? all(n.c) : [])]);

describe('answers as a Markdown node tree for the playground', () => {
  it('turns Markdown into allowed elements', () => {
    expect(
      markdownTree('# Hi\n\nOpen **Settings**, then `Security`.\n\n- a\n- [b](https://b.example/x)\n\n3. c'),
    ).toEqual([
      { t: 'h1', c: [{ t: 'text', v: 'Hi' }] },
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Open ' },
          { t: 'strong', c: [{ t: 'text', v: 'Settings' }] },
          { t: 'text', v: ', then ' },
          { t: 'code', v: 'Security' },
          { t: 'text', v: '.' },
        ],
      },
      {
        t: 'ul',
        c: [
          { t: 'li', c: [{ t: 'text', v: 'a' }] },
          { t: 'li', c: [{ t: 'a', href: 'https://b.example/x', c: [{ t: 'text', v: 'b' }] }] },
        ],
      },
      { t: 'ol', start: 3, c: [{ t: 'li', c: [{ t: 'text', v: 'c' }] }] },
    ]);
  });

  it('hostile Markdown: HTML stays text, only http(s) links, no images', () => {
    const hostile =
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> [a](javascript:alert(3)) [b](data:text/html,x) ' +
      '[c](vbscript:x) [d](//evil.example) ![pic](https://tracker.example/p.png) <a href="https://x">x</a>\n\n' +
      '```html\n<iframe src=javascript:alert(4)>\n```';
    const tree = markdownTree(hostile);
    const nodes = all(tree);
    const tags = new Set(nodes.map((n) => n.t));
    for (const t of tags) expect(['p', 'text', 'pre', 'a']).toContain(t);
    // The one link is the bare URL inside the literal `<a href="https://x">` text (linkified, http(s)).
    expect(nodes.filter((n) => n.t === 'a').map((n) => (n as { href: string }).href)).toEqual(['https://x/']);
    expect(text(tree)).toContain('<script>alert(1)</script>');
    expect(text(tree)).toContain('<img src=x onerror="alert(2)">');
    expect(text(tree)).toContain('<a href="https://x">x</a>');
    expect(text(tree)).toContain('pic');
    expect(tree.at(-1)).toEqual({ t: 'pre', lang: 'html', v: '<iframe src=javascript:alert(4)>\n' });
    expect(JSON.stringify(tree)).not.toContain('tracker.example');
  });

  it('safeHref accepts http(s) only', () => {
    expect(safeHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHref('HTTP://A.example')).toBe('http://a.example/');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:x',
      'data:text/html,x',
      'mailto:a@b',
      '/relative',
      '',
    ])
      expect(safeHref(bad)).toBeNull();
  });
});
