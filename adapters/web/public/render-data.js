import { formatTime, h } from './dom.js';

// Renders whatever JSON the insights callbacks return: numbers as stat cards, lists as tables.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function humanize(key) {
  const words = String(key)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isRateKey(key) {
  return /rate|share|ratio/i.test(key);
}

export function formatScalar(value, key = '') {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (isRateKey(key) && value >= 0 && value <= 1) return `${Math.round(value * 1000) / 10}%`;
    return Number.isInteger(value)
      ? value.toLocaleString()
      : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatTime(value);
  return String(value);
}

const isScalar = (v) => v === null || typeof v !== 'object';

export function renderData(data) {
  if (isScalar(data)) return h('p', { text: formatScalar(data) });
  if (Array.isArray(data)) return renderArray(data, '', 0);
  const entries = Object.entries(data);
  const stats = entries.filter(([, v]) => typeof v === 'number');
  const scalars = entries.filter(([, v]) => isScalar(v) && typeof v !== 'number');
  const nested = entries.filter(([, v]) => !isScalar(v));
  return h(
    'div',
    { class: 'insights' },
    stats.length > 0 &&
      h(
        'div',
        { class: 'stats' },
        stats.map(([k, v]) => stat(k, v)),
      ),
    scalars.length > 0 && keyValues(scalars, 0),
    nested.map(([k, v]) =>
      h('section', { class: 'block' }, h('h4', { text: humanize(k) }), renderNested(v, k, 1)),
    ),
  );
}

function stat(key, value) {
  return h(
    'div',
    { class: 'stat' },
    h('div', { class: 'stat-value', text: formatScalar(value, key) }),
    h('div', { class: 'stat-label', text: humanize(key) }),
  );
}

function keyValues(entries, depth) {
  return h(
    'dl',
    { class: 'kv' },
    entries.map(([k, v]) => [
      h('dt', { text: humanize(k) }),
      h('dd', {}, isScalar(v) ? formatScalar(v, k) : renderNested(v, k, depth + 1)),
    ]),
  );
}

const isRange = (v) => v && typeof v === 'object' && Object.keys(v).join() === 'from,to';

function compactLine(obj) {
  return Object.entries(obj)
    .map(([k, v]) => `${humanize(k)}: ${isScalar(v) ? formatScalar(v, k) : JSON.stringify(v)}`)
    .join(' · ');
}

function renderNested(value, key, depth) {
  if (isScalar(value)) return formatScalar(value, key);
  if (isRange(value)) return `${formatScalar(value.from)} – ${formatScalar(value.to)}`;
  if (depth > 3) return JSON.stringify(value);
  if (Array.isArray(value)) return renderArray(value, key, depth);
  const entries = Object.entries(value);
  if (depth === 1 && entries.length > 0 && entries.every(([, v]) => typeof v === 'number')) {
    return h(
      'div',
      { class: 'stats' },
      entries.map(([k, v]) => stat(k, v)),
    );
  }
  return keyValues(entries, depth);
}

function renderArray(items, key, depth) {
  if (items.length === 0) return h('p', { class: 'stat-line', text: 'None.' });
  if (items.every(isScalar)) {
    if (items.length > 6 && items.every((v) => v === null || typeof v === 'number'))
      return h('p', {}, items.map((v) => formatScalar(v, key)).join(' · '));
    return h(
      'ul',
      { class: 'plain-list' },
      items.map((v) => h('li', { text: formatScalar(v, key) })),
    );
  }
  const objects = items.every((v) => v && typeof v === 'object' && !Array.isArray(v));
  // Inside a table cell a nested table is unreadable: one compact line per item instead.
  if (objects && depth >= 2)
    return h(
      'ul',
      { class: 'plain-list compact' },
      items.map((v) => h('li', { text: compactLine(v) })),
    );
  if (objects) {
    // A narrow pane reads four columns well; the rest of each row stays in the API's JSON.
    const columns = [...new Set(items.flatMap((v) => Object.keys(v)))].slice(0, 4);
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map((c) => h('th', { scope: 'col', text: humanize(c) })),
          ),
        ),
        h(
          'tbody',
          {},
          items.slice(0, 50).map((row) =>
            h(
              'tr',
              {},
              columns.map((c) => h('td', {}, renderNested(row[c], c, depth + 1))),
            ),
          ),
        ),
      ),
    );
  }
  return h(
    'ul',
    { class: 'plain-list' },
    items.map((v) => h('li', {}, renderNested(v, key, depth + 1))),
  );
}
