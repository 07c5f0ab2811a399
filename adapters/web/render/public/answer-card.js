import { api, identity } from './api.js';
import { h, setPressed } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { options } from './options.js';

/**
 * One answer with its 👍 / 👎 / ✏️ / rating controls; `cards` collects refreshers for user switches.
 * `answerDoc` is the server's Markdown tree of the answer (rendered with DOM APIs); without it, plain text.
 */
export function answerCard(interaction, cards, answerDoc) {
  const mine = new Map(); // userId → { vote, rating, corrected }
  const state = () => mine.get(identity.current) ?? {};
  const status = h('div', { class: 'status-line', role: 'status' });
  const panel = h('div', { class: 'panel', hidden: true });

  const send = async (payload, note) => {
    const user = identity.user();
    status.className = 'status-line';
    try {
      const out = await api('/api/feedback', {
        method: 'POST',
        body: { interactionId: interaction.id, ...user, ...payload },
      });
      mine.set(user.userId, { ...state(), ...note });
      const review = out.review
        ? out.review.created
          ? ' · review raised'
          : ' · added to the open review'
        : '';
      // The reply is the server's, worded as on Slack and Discord; only the review note is the page's own.
      status.textContent = `${user.userName}: ${out.reply}${review}`;
      panel.hidden = true;
      refresh();
      return true;
    } catch (err) {
      status.className = 'status-line error';
      status.textContent = err.message;
      return false;
    }
  };

  const up = h(
    'button',
    {
      type: 'button',
      class: 'icon-btn',
      'aria-label': 'Helpful: vote up',
      onclick: () => send({ kind: 'vote', value: 'up' }, { vote: 'up' }),
    },
    '👍 Helpful',
  );
  const down = h(
    'button',
    {
      type: 'button',
      class: 'icon-btn',
      'aria-label': 'Not helpful: vote down with reasons',
      'aria-expanded': 'false',
      onclick: () => openPanel('down'),
    },
    '👎 Not helpful',
  );
  const fix = h(
    'button',
    {
      type: 'button',
      class: 'icon-btn',
      'aria-label': 'Suggest a correction',
      'aria-expanded': 'false',
      onclick: () => openPanel('fix'),
    },
    '✏️ Correction',
  );
  const stars = [1, 2, 3, 4, 5].map((n) =>
    h(
      'button',
      {
        type: 'button',
        class: 'icon-btn',
        'aria-label': `Rate ${n} out of 5`,
        onclick: () => send({ kind: 'rating', value: n }, { rating: n }),
      },
      String(n),
    ),
  );

  function openPanel(which) {
    const already = !panel.hidden && panel.dataset.kind === which;
    panel.hidden = already;
    panel.dataset.kind = which;
    down.setAttribute('aria-expanded', String(!already && which === 'down'));
    fix.setAttribute('aria-expanded', String(!already && which === 'fix'));
    if (already) return;
    panel.replaceChildren(...(which === 'down' ? downForm() : fixForm()));
    panel.querySelector('button, textarea')?.focus();
  }

  function downForm() {
    const chosen = new Set();
    const chips = options.reasons.map(({ value: r, label }) => {
      const chip = h(
        'button',
        { type: 'button', class: 'chip', 'aria-pressed': 'false', 'aria-label': `Reason: ${r}` },
        label,
      );
      chip.addEventListener('click', () => {
        if (chosen.has(r)) chosen.delete(r);
        else chosen.add(r);
        setPressed(chip, chosen.has(r));
      });
      return chip;
    });
    const comment = h('textarea', {
      rows: 2,
      maxlength: options.limits.comment,
      placeholder: 'What was wrong? (optional)',
      'aria-label': 'Comment on the answer',
    });
    const submit = () =>
      send(
        { kind: 'vote', value: 'down', reasons: [...chosen], comment: comment.value.trim() || undefined },
        { vote: 'down' },
      );
    return [
      h('div', { class: 'chips', role: 'group', 'aria-label': 'Reasons' }, chips),
      comment,
      h(
        'div',
        { class: 'panel-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-ghost',
            'aria-label': 'Cancel the vote down',
            onclick: () => openPanel('down'),
          },
          'Cancel',
        ),
        h(
          'button',
          { type: 'button', class: 'btn btn-primary', 'aria-label': 'Send vote down', onclick: submit },
          'Send 👎',
        ),
      ),
    ];
  }

  function fixForm() {
    const text = h('textarea', {
      rows: 4,
      maxlength: options.limits.correction,
      'aria-label': 'Corrected answer',
    });
    text.value = interaction.answer;
    return [
      text,
      h(
        'div',
        { class: 'panel-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-ghost',
            'aria-label': 'Cancel the correction',
            onclick: () => openPanel('fix'),
          },
          'Cancel',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary',
            'aria-label': 'Send correction',
            onclick: () => send({ kind: 'correction', value: text.value }, { corrected: true }),
          },
          'Send correction',
        ),
      ),
    ];
  }

  function refresh() {
    const s = state();
    setPressed(up, s.vote === 'up');
    setPressed(down, s.vote === 'down');
    setPressed(fix, s.corrected === true);
    for (const [i, b] of stars.entries()) setPressed(b, s.rating === i + 1);
  }
  refresh();
  cards.add({ refresh });

  const sources = interaction.sources?.length ? ` · ${interaction.sources.length} knowledge source(s)` : '';
  return h(
    'li',
    { class: 'msg-a', 'data-interaction-id': interaction.id },
    answerDoc
      ? h('div', { class: 'answer-text md' }, renderMarkdown(answerDoc))
      : h('p', { class: 'answer-text plain', text: interaction.answer }),
    h('div', { class: 'answer-meta', text: `answered by ${interaction.answerer}${sources}` }),
    h(
      'div',
      { class: 'feedback-bar', role: 'group', 'aria-label': 'Feedback on this answer' },
      up,
      down,
      fix,
      h(
        'span',
        { class: 'rating', role: 'group', 'aria-label': 'Rate this answer' },
        h('span', { class: 'rating-label', text: 'Rate' }),
        stars,
      ),
    ),
    panel,
    status,
  );
}
