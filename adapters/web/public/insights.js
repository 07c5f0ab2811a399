import { api } from './api.js';
import { clear, formatTime, h } from './dom.js';
import { renderData } from './render-data.js';

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
  const [insights, digest] = await Promise.allSettled([
    api(`/api/insights?days=${encodeURIComponent(days)}`),
    api('/api/digest-preview'),
  ]);
  // Overlapping refreshes can finish out of order: only the newest one is shown.
  if (mine !== latest) return;
  show('insights', insights, 'Insights');
  show('digest', digest, 'Digest preview');
  await refreshKnowledge();
}

function show(id, settled, what) {
  const box = document.getElementById(id);
  if (settled.status === 'rejected') return clear(box, failed(settled.reason));
  const { available, data } = settled.value;
  clear(box, available ? renderData(data) : notAvailable(what));
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
    h('p', { text: e.answer }),
    h('div', { class: 'stat-line', text: `${approved}${formatTime(e.createdAt)}` }),
  );
}
