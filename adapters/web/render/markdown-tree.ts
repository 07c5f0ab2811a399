import MarkdownIt from 'markdown-it';
import { MD_TAGS, type MdTag } from './markdown-tags.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/**
 * A rendered answer as data, not markup: the page builds DOM nodes from it with createElement and
 * text nodes, so no user or model text can ever become HTML. Links are http(s) only.
 */
export type MdNode =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'pre'; v: string; lang?: string }
  | { t: 'a'; href: string; c: MdNode[] }
  | { t: 'br' }
  | { t: 'hr' }
  | { t: MdTag; c: MdNode[]; start?: number };

const TAGS: ReadonlySet<string> = new Set(MD_TAGS);
const isTag = (tag: string): tag is MdTag => TAGS.has(tag);

// html: false — raw HTML in the text stays text. linkify turns bare http(s) URLs into links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Markdown → a tree of allowed nodes. */
export function markdownTree(source: string): MdNode[] {
  const root: MdNode[] = [];
  const stack: MdNode[][] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const token of md.parse(source, {})) {
    if (token.type === 'inline') top().push(...inlineNodes(token.children ?? []));
    else if (token.type === 'fence' || token.type === 'code_block')
      top().push({ t: 'pre', v: token.content, ...(token.info ? { lang: token.info.split(/\s/)[0]! } : {}) });
    else if (token.type === 'hr') top().push({ t: 'hr' });
    else if (token.hidden)
      continue; // tight lists' paragraphs
    else if (token.nesting === 1) {
      const node = open(token);
      top().push(node);
      stack.push('c' in node ? node.c : []);
    } else if (token.nesting === -1 && stack.length > 1) stack.pop();
  }
  return root;
}

function open(token: Token): MdNode {
  const tag: MdTag = isTag(token.tag) ? token.tag : 'p';
  const start = Number(token.attrGet('start'));
  return { t: tag, c: [], ...(tag === 'ol' && Number.isInteger(start) && start !== 1 ? { start } : {}) };
}

function inlineNodes(tokens: Token[]): MdNode[] {
  const root: MdNode[] = [];
  const stack: MdNode[][] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        top().push({ t: 'text', v: token.content });
        break;
      case 'code_inline':
        top().push({ t: 'code', v: token.content });
        break;
      case 'softbreak':
        top().push({ t: 'text', v: '\n' });
        break;
      case 'hardbreak':
        top().push({ t: 'br' });
        break;
      case 'image':
        // No remote loads from an answer: the image's description, as text.
        top().push({ t: 'text', v: token.content || String(token.attrGet('alt') ?? '') });
        break;
      case 'link_open': {
        const href = safeHref(String(token.attrGet('href') ?? ''));
        if (href) {
          const link: MdNode = { t: 'a', href, c: [] };
          top().push(link);
          stack.push(link.c);
        } else stack.push(top()); // anything but http(s): only the link's text stays
        break;
      }
      default:
        if (token.nesting === 1 && isTag(token.tag)) {
          const node: MdNode = { t: token.tag, c: [] };
          top().push(node);
          stack.push(node.c);
        } else if (token.nesting === -1 && stack.length > 1) stack.pop();
        else if (token.content) top().push({ t: 'text', v: token.content });
    }
  }
  return root;
}
