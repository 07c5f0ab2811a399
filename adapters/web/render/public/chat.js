import { answerCard } from './answer-card.js';
import { api, identity } from './api.js';
import { h, toast } from './dom.js';
import { options } from './options.js';

const cards = new Set();

export function initChat() {
  const form = document.getElementById('ask-form');
  const input = document.getElementById('question');
  if (options.limits.question) input.maxLength = options.limits.question;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ask(input, form.querySelector('button'));
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  // Switching user shows that user's own reactions on every answer.
  identity.listeners.add(() => {
    for (const card of cards) card.refresh();
  });
}

async function ask(input, button) {
  const question = input.value.trim();
  if (!question) return;
  const user = identity.user();
  button.disabled = true;
  try {
    const { interaction, answer } = await api('/api/ask', { method: 'POST', body: { question, ...user } });
    input.value = '';
    appendExchange(interaction, user, answer);
  } catch (err) {
    toast(err.message, 'error');
  } finally {
    button.disabled = false;
    input.focus();
  }
}

function appendExchange(interaction, user, answerDoc) {
  const list = document.getElementById('messages');
  document.getElementById('chat-empty').hidden = true;
  list.append(
    h('li', { class: 'msg-q' }, h('span', { class: 'who', text: user.userName }), interaction.question),
    answerCard(interaction, cards, answerDoc),
  );
  list.lastElementChild.scrollIntoView({ block: 'nearest' });
}
