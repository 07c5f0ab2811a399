import MarkdownIt from 'markdown-it';
import { escapeMrkdwn, mrkdwnSections, type section } from './text.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

// html: false — raw HTML stays text (and is escaped below); bare http(s) URLs become links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** An http(s) URL for `<url|text>`, or null: no other scheme becomes a link. */
function linkTarget(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return escapeMrkdwn(url.href).replace(/\|/g, '%7C');
  } catch {
    return null;
  }
}

/**
 * Markdown (what LLMs answer in) → Slack mrkdwn over markdown-it's tokens: **bold** → *bold*,
 * [text](url) → <url|text> (http(s) only), `code` and fences kept, headings → bold lines, lists →
 * bullets. All text is escaped (&, <, >), so no answer can smuggle in <!channel>, <@U…> or a link.
 */
export function markdownToMrkdwn(source: string): string {
  const out: { text: string; list: number }[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let heading = false;
  let pendingItem = '';
  let listId = 0;
  let outerList = 0;
  const prefix = () => '> '.repeat(quote);
  const block = (text: string) => {
    const lines = `${pendingItem}${text}`.split('\n');
    pendingItem = '';
    out.push({
      text: lines.map((l) => `${prefix()}${l}`).join('\n'),
      list: lists.length > 0 ? outerList : 0,
    });
  };
  for (const token of md.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'inline': {
        const text = inline(token.children ?? []);
        block(heading ? `*${text}*` : text);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) outerList = ++listId;
        lists.push({
          ordered: token.type === 'ordered_list_open',
          next: Number(token.attrGet('start') ?? 1) || 1,
        });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        const indent = '    '.repeat(Math.max(0, lists.length - 1));
        pendingItem = `${indent}${list?.ordered ? `${list.next++}.` : '•'} `;
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote = Math.max(0, quote - 1);
        break;
      case 'fence':
      case 'code_block':
        block(`\`\`\`\n${escapeMrkdwn(token.content.replace(/\n$/, ''))}\n\`\`\``);
        break;
      case 'hr':
        block('──────────');
        break;
      default:
        break;
    }
  }
  return joinBlocks(out);
}

/** The items of one list sit on consecutive lines; other blocks get a blank line between them. */
function joinBlocks(blocks: { text: string; list: number }[]): string {
  return blocks
    .map((b, i) => (i === 0 ? '' : b.list !== 0 && b.list === blocks[i - 1]!.list ? '\n' : '\n\n') + b.text)
    .join('');
}

const URLISH = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^\s*[\w-]+(?:\.[\w-]+)+(?:[/:?#]|\s*$)/i;

/** <url|label>, plain <url> when the label is the URL, and never a URL-looking label over another target. */
function link(url: string, label: string): string {
  const plain = label.replace(/&lt;|&gt;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&' })[e]!);
  const target = url.replace(/&amp;/g, '&');
  if (plain === target || `${plain}/` === target || plain === '') return `<${url}>`;
  // "[https://good.example](https://evil.example)": show where it really goes.
  if (URLISH.test(plain)) return `${label} (<${url}>)`;
  return `<${url}|${label}>`;
}

function inline(tokens: Token[]): string {
  let text = '';
  const links: (string | null)[] = [];
  let linkText = '';
  for (const t of tokens) {
    const piece = render(t);
    if (t.type === 'link_open') {
      links.push(linkTarget(String(t.attrGet('href') ?? '')));
      linkText = '';
      continue;
    }
    if (t.type === 'link_close') {
      const url = links.pop() ?? null;
      text += url ? link(url, linkText) : linkText;
      linkText = '';
      continue;
    }
    if (links.length > 0) linkText += piece;
    else text += piece;
  }
  return text;
}

function render(t: Token): string {
  switch (t.type) {
    case 'text':
      return escapeMrkdwn(t.content);
    case 'code_inline':
      return `\`${escapeMrkdwn(t.content).replace(/`/g, 'ˋ')}\``;
    case 'softbreak':
    case 'hardbreak':
      return '\n';
    case 'strong_open':
    case 'strong_close':
      return '*';
    case 'em_open':
    case 'em_close':
      return '_';
    case 's_open':
    case 's_close':
      return '~';
    case 'image':
      return escapeMrkdwn(t.content || String(t.attrGet('alt') ?? ''));
    default:
      return t.content ? escapeMrkdwn(t.content) : '';
  }
}

/** An answer as mrkdwn sections, split at Slack's limit (never inside an entity), nothing dropped. */
export function markdownSections(raw: string): ReturnType<typeof section>[] {
  const text = raw.trim() === '' ? '(empty)' : markdownToMrkdwn(raw) || escapeMrkdwn(raw);
  return mrkdwnSections(text);
}
