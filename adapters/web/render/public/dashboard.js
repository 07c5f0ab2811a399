import { h } from './dom.js';
import { revealReview } from './moderation.js';

// Renders the server's DashboardView (adapters/web/render/insights-view.ts). Every label comes from the
// server, written for people; every string is set as text.

export function renderDashboard(view) {
  return [
    view.empty &&
      h('p', {
        class: 'dash-empty',
        text: `Nothing to report for the ${view.title.toLowerCase()} yet: ask a question and react to the answer, and the numbers appear here.`,
      }),
    h(
      'div',
      { class: 'headlines', role: 'list', 'aria-label': 'Headline numbers' },
      view.headlines.map(headline),
    ),
    h('p', { class: 'dash-note', text: view.comparedWith }),
    h(
      'div',
      { class: 'dash-row' },
      card('Weekly trend', 'dash-chart', chart(view.chart)),
      card('Reviews', 'dash-reviews', stats(view.reviews), platforms(view.platforms)),
    ),
    card('Common issues', 'dash-issues', issues(view.issues)),
    h(
      'div',
      { class: 'dash-row' },
      card('Opportunities', 'dash-opportunities', opportunities(view.opportunities)),
      card('Corrections', 'dash-corrections', corrections(view.corrections)),
    ),
  ];
}

function card(title, id, ...body) {
  return h(
    'section',
    { class: `dash-card ${id}`, 'aria-labelledby': `${id}-title` },
    h('h3', { class: 'dash-title', id: `${id}-title`, text: title }),
    body,
  );
}

function headline(item) {
  return h(
    'div',
    { class: 'headline', role: 'listitem', 'data-headline': item.id },
    h('div', { class: 'headline-label', text: item.label }),
    h('div', { class: 'headline-value', text: item.value }),
    item.change && h('div', { class: `headline-change tone-${item.change.tone}`, text: item.change.text }),
    h('div', { class: 'headline-detail', text: item.detail }),
  );
}

function chart(c) {
  if (!c) return h('p', { class: 'empty', text: 'The chart appears once there is feedback.' });
  return h(
    'figure',
    { class: 'chart' },
    h('img', { src: c.url, alt: c.alt, width: 624, height: 318, decoding: 'async' }),
    h('figcaption', { text: c.caption }),
  );
}

function stats(items) {
  return h(
    'dl',
    { class: 'dash-stats' },
    items.map((s) => h('div', {}, h('dt', { text: s.label }), h('dd', { text: s.value }))),
  );
}

function platforms(rows) {
  if (rows.length === 0) return null;
  return table(
    'Feedback by platform',
    ['Platform', 'Feedback', 'Positive'],
    rows.map((p) => [p.platform, p.feedback, p.positiveRate]),
  );
}

function table(caption, columns, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'sr-only', text: caption }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', text: c })),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

function issues(list) {
  if (list.length === 0) return h('p', { class: 'empty', text: 'No negative feedback to group yet.' });
  return table(
    'Common issues',
    ['Question', 'Times', 'Top reasons', 'Sample comments'],
    list.map((i) => [
      h('span', { class: 'issue-q', text: i.question }),
      h('span', { class: 'issue-count', text: String(i.frequency) }),
      i.reasons.length
        ? h(
            'span',
            { class: 'chips' },
            i.reasons.map((r) => h('span', { class: 'chip', text: `${r.label} × ${r.count}` })),
          )
        : h('span', { class: 'muted', text: '—' }),
      i.comments.length
        ? h(
            'ul',
            { class: 'comments' },
            i.comments.map((c) => h('li', { text: `“${c}”` })),
          )
        : h('span', { class: 'muted', text: 'no comments' }),
    ]),
  );
}

const KIND = {
  pattern: 'Answers going wrong',
  'stale-review': 'Review waiting',
  'pending-corrections': 'Corrections to approve',
};

function opportunities(list) {
  if (list.length === 0) return h('p', { class: 'empty', text: 'Nothing needs attention right now.' });
  return h(
    'ol',
    { class: 'opportunities' },
    list.map((o) =>
      h(
        'li',
        { class: `opportunity kind-${o.kind}` },
        h('span', { class: 'opportunity-kind', text: KIND[o.kind] ?? o.kind }),
        h('span', { class: 'opportunity-title', text: `“${o.title}”` }),
        h('span', { class: 'opportunity-detail', text: o.detail }),
        o.review &&
          h('a', {
            class: 'opportunity-link',
            href: `#review-${o.review.id}`,
            text: `${o.review.label} →`,
            onclick: (e) => {
              e.preventDefault();
              revealReview(o.review.id);
            },
          }),
      ),
    ),
  );
}

function corrections(list) {
  if (list.length === 0) return h('p', { class: 'empty', text: 'No corrections suggested in this period.' });
  return table(
    'Corrections',
    ['Question', 'Suggested answer', 'By', 'Status'],
    list.map((c) => [c.question, c.text, c.by, c.status]),
  );
}
