// Renders the server's Markdown tree (adapters/web/render/markdown-tree.ts) with DOM APIs only: every
// piece of text becomes a text node and only the allowed tags are ever created, so an answer can never
// inject markup. The allowed tags are the server's own list (adapters/web/render/markdown-tags.ts), which
// it serves as ./markdown-tags.js; a tag the tree names outside that list is still refused here.
import { MD_TAGS } from './markdown-tags.js';

const TAGS = new Set(MD_TAGS);

export function renderMarkdown(nodes) {
  const fragment = document.createDocumentFragment();
  for (const node of Array.isArray(nodes) ? nodes : []) fragment.append(renderNode(node));
  return fragment;
}

function renderNode(node) {
  if (!node || typeof node !== 'object') return document.createTextNode('');
  switch (node.t) {
    case 'text':
      return document.createTextNode(String(node.v ?? ''));
    case 'code': {
      const code = document.createElement('code');
      code.textContent = String(node.v ?? '');
      return code;
    }
    case 'pre': {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = String(node.v ?? '');
      if (typeof node.lang === 'string') code.dataset.lang = node.lang;
      pre.append(code);
      return pre;
    }
    case 'br':
      return document.createElement('br');
    case 'hr':
      return document.createElement('hr');
    case 'a': {
      const href = String(node.href ?? '');
      if (!/^https?:\/\//i.test(href)) return renderMarkdown(node.c);
      const a = document.createElement('a');
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      a.append(renderMarkdown(node.c));
      return a;
    }
    default: {
      if (!TAGS.has(node.t)) return renderMarkdown(node.c);
      const el = document.createElement(node.t);
      if (node.t === 'ol' && Number.isInteger(node.start)) el.start = node.start;
      if (node.t === 'table') {
        const wrap = document.createElement('div');
        wrap.className = 'md-table';
        el.append(renderMarkdown(node.c));
        wrap.append(el);
        return wrap;
      }
      el.append(renderMarkdown(node.c));
      return el;
    }
  }
}
