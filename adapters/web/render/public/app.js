import { identity } from './api.js';
import { initChat } from './chat.js';
import { clear, h, toast } from './dom.js';
import { initInsights, refreshInsights, refreshKnowledge } from './insights.js';
import { initModeration, refreshReviews } from './moderation.js';
import { loadOptions } from './options.js';

const POLL_MS = 5000;
let insightsTimer;
// Many reactions in a row refresh the insights pane once.
const refreshInsightsSoon = () => {
  clearTimeout(insightsTimer);
  insightsTimer = setTimeout(refreshInsights, 300);
};

function initIdentity() {
  const select = document.getElementById('user-select');
  const toggle = document.getElementById('moderator-toggle');
  const addButton = document.getElementById('add-user');
  const addForm = document.getElementById('add-user-form');
  const nameInput = document.getElementById('new-user-name');
  const render = () => {
    clear(
      select,
      identity.users.map((u) => h('option', { value: u.userId, text: u.userName })),
    );
    select.value = identity.current;
    toggle.checked = identity.moderator;
  };
  identity.load();
  render();
  identity.listeners.add(render);
  select.addEventListener('change', () => {
    identity.current = select.value;
    identity.save();
  });
  toggle.addEventListener('change', () => {
    identity.moderator = toggle.checked;
    identity.save();
  });
  addButton.addEventListener('click', () => {
    addForm.hidden = !addForm.hidden;
    addButton.setAttribute('aria-expanded', String(!addForm.hidden));
    if (!addForm.hidden) nameInput.focus();
  });
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    identity.addUser(name);
    nameInput.value = '';
    addForm.hidden = true;
    addButton.setAttribute('aria-expanded', 'false');
    select.focus();
  });
}

// Live updates: server-sent events; while the stream is down the page polls instead.
function connectLive() {
  const live = document.getElementById('live');
  let poller;
  const setState = (state, label) => {
    live.dataset.state = state;
    live.textContent = label;
  };
  const startPolling = () => {
    poller ??= setInterval(refreshReviews, POLL_MS);
  };
  if (!('EventSource' in window)) {
    setState('polling', 'polling');
    return startPolling();
  }
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => {
    setState('live', 'live');
    clearInterval(poller);
    poller = undefined;
    refreshReviews();
  });
  source.addEventListener('error', () => {
    setState('polling', 'reconnecting…');
    startPolling();
  });
  source.addEventListener('review', (e) => {
    refreshReviews();
    if (JSON.parse(e.data).change === 'resolved') refreshKnowledge();
    refreshInsightsSoon();
  });
  source.addEventListener('feedback', refreshInsightsSoon);
  source.addEventListener('interaction', refreshInsightsSoon);
  source.addEventListener('digest', refreshInsights);
}

// The forms need the server's reasons and limits before they are built; without them the page still
// works (the server enforces its limits either way) and says what went wrong.
try {
  await loadOptions();
} catch (err) {
  toast(err.message, 'error');
}
initIdentity();
initChat();
initModeration();
initInsights();
document.addEventListener('heed:resolved', refreshKnowledge);
refreshReviews();
refreshInsights();
connectLive();
