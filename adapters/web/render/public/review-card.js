import { api, identity } from './api.js';
import { clear, formatTime, h, setPressed, toast } from './dom.js';
import { options, reasonLabel } from './options.js';

const ACTIONS = {
  apply_correction: {
    tab: 'Apply correction',
    label: 'Corrected answer for the knowledge base',
    go: 'Apply correction',
  },
  update_instructions: {
    tab: 'Update instructions',
    label: "The assistant's instructions",
    go: 'Save instructions',
  },
  dismiss: { tab: 'Dismiss', label: 'Note (optional)', go: 'Dismiss review' },
};
const drafts = new Map(); // `${reviewId}:${action}` → text being edited, kept across live refreshes
const openTab = new Map(); // reviewId → action whose form is shown
/** A review as moderators see it: the evidence, then the actions (or the resolution once closed). */
export function reviewCard(view, ctx) {
  const { review } = view;
  const reasons = Object.entries(view.reasonCounts ?? {});
  return h(
    'article',
    {
      class: 'review',
      id: `review-${review.id}`,
      tabindex: '-1',
      'data-review-id': review.id,
      'data-status': review.status,
      'data-priority': view.priority,
      'aria-label': `Review: ${review.question}`,
    },
    h(
      'div',
      { class: 'review-head' },
      h('h3', { class: 'review-q', text: review.question }),
      h(
        'div',
        { class: 'badges' },
        h('span', { class: `badge badge-${view.priority}`, text: `${view.priority} priority` }),
        review.status !== 'open' && h('span', { class: 'badge badge-resolved', text: review.status }),
      ),
    ),
    h('div', {
      class: 'stat-line',
      text: `${view.window.negative} of the last ${view.window.total} reactions negative · ${view.related.length} related · suggested: ${view.suggestedAction}`,
    }),
    threadContext(view.context),
    view.answerExcerpt && h('blockquote', { class: 'excerpt', text: view.answerExcerpt }),
    view.answerSource && h('p', { class: 'stat-line', text: `answered by ${view.answerSource}` }),
    reasons.length > 0 &&
      h(
        'div',
        { class: 'chips', 'aria-label': 'Reasons given' },
        reasons.map(([r, n]) => h('span', { class: 'badge', text: `${reasonLabel(r)} × ${n}` })),
      ),
    view.corrections.length > 0 &&
      h('div', {}, h('strong', { text: 'Latest correction: ' }), view.corrections[0].text),
    h(
      'details',
      { open: review.status === 'open' },
      h('summary', { text: `Related feedback (${view.related.length})` }),
      h(
        'ul',
        { class: 'related' },
        view.related.map((f) =>
          h('li', {}, f.summary, h('time', { datetime: f.updatedAt, text: formatTime(f.updatedAt) })),
        ),
      ),
    ),
    review.status === 'open' ? actions(view, ctx) : resolution(view),
  );
}

/** The earlier turns of the thread the answer was given in: what the answerer saw. */
function threadContext(turns) {
  if (!turns?.length) return null;
  return h(
    'details',
    { class: 'thread-context' },
    h('summary', { text: `Earlier in the thread (${turns.length} turn${turns.length === 1 ? '' : 's'})` }),
    h(
      'ol',
      { class: 'related' },
      turns.map((t) =>
        h('li', {}, h('div', { text: `Q: ${t.question}` }), h('div', { text: `A: ${t.answer}` })),
      ),
    ),
  );
}

/** The server's outcome sentence (shared with Slack and Discord), when it happened, and the applied text. */
function resolution(view) {
  if (!view.outcome) return null;
  const r = view.review.resolution;
  return h(
    'div',
    { class: 'resolution' },
    h('div', { text: r?.at ? `${view.outcome} · ${formatTime(r.at)}` : view.outcome }),
    // A dismissal's note is part of the outcome sentence already.
    r?.text && h('div', { text: r.text }),
  );
}

function actions(view, ctx) {
  const id = view.review.id;
  const formBox = h('div');
  const tabs = Object.entries(ACTIONS).map(([action, a]) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        'aria-pressed': 'false',
        'aria-label': `${a.tab} for this review`,
        'data-action': action,
        onclick: () => show(action),
      },
      a.tab,
    ),
  );
  function show(action) {
    openTab.set(id, action);
    for (const t of tabs) setPressed(t, t.dataset.action === action);
    clear(formBox, actionForm(view, action, ctx));
    formBox.querySelector('textarea, input')?.focus();
  }
  const card = h(
    'div',
    { class: 'actions' },
    h('div', { class: 'action-tabs', role: 'group', 'aria-label': 'Resolve this review' }, tabs),
    formBox,
  );
  const initial = openTab.get(id) ?? 'apply_correction';
  for (const t of tabs) setPressed(t, t.dataset.action === initial);
  formBox.append(actionForm(view, initial, ctx));
  return card;
}

function prefill(view, action, ctx) {
  if (action === 'apply_correction') return view.corrections[0]?.text ?? '';
  if (action === 'update_instructions') return ctx.instructions;
  return '';
}

function actionForm(view, action, ctx) {
  const id = view.review.id;
  const key = `${id}:${action}`;
  const meta = ACTIONS[action];
  const input =
    action === 'dismiss'
      ? h('input', { maxlength: options.limits.note })
      : h('textarea', {
          rows: action === 'update_instructions' ? 5 : 3,
          maxlength:
            action === 'update_instructions' ? options.limits.instructions : options.limits.correction,
        });
  input.value = drafts.get(key) ?? prefill(view, action, ctx);
  input.addEventListener('input', () => drafts.set(key, input.value));
  const error = h('div', { class: 'form-error', role: 'alert' });
  const go = h(
    'button',
    {
      type: 'submit',
      class: action === 'dismiss' ? 'btn btn-danger' : 'btn btn-primary',
      'aria-label': `${meta.go}: ${view.review.question}`,
    },
    meta.go,
  );
  const form = h(
    'form',
    { class: 'panel' },
    h('label', { class: 'field' }, meta.label, input),
    h('div', { class: 'panel-actions' }, go),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    go.disabled = true;
    const user = identity.user();
    const text = input.value;
    const body = {
      action,
      ...user,
      ...(action === 'dismiss' ? { note: text } : { text }),
    };
    try {
      const out = await api(`/api/reviews/${encodeURIComponent(id)}/resolve`, { method: 'POST', body });
      drafts.delete(key);
      toast(out.confirmation);
      document.dispatchEvent(new CustomEvent('heed:resolved'));
      await ctx.onResolved();
    } catch (err) {
      error.textContent =
        err.status === 403 ? `${err.message} Turn on the Moderator switch to act as one.` : err.message;
      go.disabled = false;
    }
  });
  return form;
}
