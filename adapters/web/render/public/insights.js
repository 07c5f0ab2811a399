import { api } from './api.js';
import { renderDashboard } from './dashboard.js';
import { clear, formatTime, h } from './dom.js';
import { renderMarkdown } from './markdown.js';

export function initInsights() {
  document.getElementById('insights-refresh').addEventListener('click', refreshInsights);
  document.getElementById('insights-days').addEventListener('change', refreshInsights);
}

const notAvailable = (what) => h('p', { class: 'empty', text: `${what} not available in this setup.` });
const failed = (err) => h('p', { class: 'empty form-error', text: err.message });

let latest = 0;

export async function refreshInsights() {
  const days = document.getElementById('insights-days').value;
  const mine = ++latest;
  const dashboard = await api(`/api/dashboard?days=${encodeURIComponent(days)}`).then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  // Overlapping refreshes can finish out of order: only the newest one is shown.
  if (mine !== latest) return;
  showDashboard(dashboard);
  await refreshKnowledge();
}

function showDashboard({ value, error }) {
  const box = document.getElementById('dashboard');
  const digest = document.getElementById('digest');
  const range = document.getElementById('insights-range');
  if (error) {
    range.textContent = '';
    clear(digest);
    return clear(box, failed(error));
  }
  if (!value.available) {
    range.textContent = '';
    clear(digest, notAvailable('The digest preview is'));
    return clear(box, notAvailable('Insights are'));
  }
  const view = value.data;
  range.textContent = view.rangeLabel;
  // The chart image is re-requested with the data, never served from a stale cache.
  if (view.chart) view.chart.url = `${view.chart.url}?t=${Date.now()}`;
  clear(box, renderDashboard(view));
  clear(
    digest,
    view.digest
      ? [
          h('p', { class: 'stat-line', text: view.digest.title }),
          h('pre', { class: 'digest-text', text: view.digest.text }),
        ]
      : notAvailable('The digest preview is'),
  );
}

export async function refreshKnowledge() {
  const box = document.getElementById('knowledge');
  try {
    const { entries } = await api('/api/knowledge');
    if (entries.length === 0)
      return clear(
        box,
        h('p', { class: 'empty', text: 'No knowledge yet: applied corrections appear here.' }),
      );
    // Newest first, so what moderators just approved sits on top; other answers open on demand.
    const sorted = [...entries].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    const count = `${entries.length} approved entr${entries.length === 1 ? 'y' : 'ies'}`;
    clear(box, h('p', { class: 'stat-line', text: count }), sorted.map(kbEntry));
  } catch (err) {
    clear(box, failed(err));
  }
}

function kbEntry(e) {
  const approved = e.approvedBy ? `approved by ${e.approvedBy.name ?? e.approvedBy.userId} · ` : '';
  return h(
    'details',
    { class: 'kb-entry', open: e.source === 'correction' },
    h('summary', {}, e.question, ' ', h('span', { class: 'badge', text: `v${e.version} · ${e.source}` })),
    e.answerDoc ? h('div', { class: 'md' }, renderMarkdown(e.answerDoc)) : h('p', { text: e.answer }),
    h('div', { class: 'stat-line', text: `${approved}${formatTime(e.createdAt)}` }),
  );
}
