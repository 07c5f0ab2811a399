import { api } from './api.js';
import { clear, h, setPressed, toast } from './dom.js';
import { reviewCard } from './review-card.js';

const shown = new Map(); // reviewId → { signature, el }
let filter = 'open';
let instructions = '';

export function initModeration() {
  for (const seg of document.querySelectorAll('.seg')) {
    seg.addEventListener('click', () => {
      filter = seg.dataset.filter;
      for (const s of document.querySelectorAll('.seg')) setPressed(s, s === seg);
      shown.clear();
      refreshReviews();
    });
  }
}

export async function refreshReviews() {
  try {
    const [open, closed, instr] = await Promise.all([
      api('/api/reviews?status=open'),
      api('/api/reviews?status=closed'),
      api('/api/instructions'),
    ]);
    instructions = instr.text;
    document.getElementById('count-open').textContent = String(open.reviews.length);
    document.getElementById('count-closed').textContent = String(closed.reviews.length);
    render(filter === 'open' ? open.reviews : closed.reviews);
  } catch (err) {
    toast(err.message, 'error');
  }
}

function render(reviews) {
  const box = document.getElementById('reviews');
  if (reviews.length === 0) {
    shown.clear();
    clear(
      box,
      h('p', {
        class: 'empty',
        text:
          filter === 'open'
            ? 'No open reviews. 👎 an answer as three different users to raise one.'
            : 'Nothing resolved yet.',
      }),
    );
    return;
  }
  const next = reviews.map((view) => {
    const signature = `${view.review.status}|${view.review.updatedAt}|${view.related.length}`;
    const old = shown.get(view.review.id);
    // An unchanged card keeps its element, so focus and half-typed text survive live updates.
    const el =
      old && old.signature === signature
        ? old.el
        : reviewCard(view, { instructions, onResolved: refreshReviews });
    shown.set(view.review.id, { signature, el });
    return el;
  });
  for (const id of shown.keys()) if (!reviews.some((v) => v.review.id === id)) shown.delete(id);
  clear(box, next);
}

/** Shows one review card (from the dashboard's links): switches to its list if needed, then focuses it. */
export async function revealReview(id) {
  const find = () => document.getElementById(`review-${id}`);
  if (!find()) {
    for (const f of ['open', 'closed']) {
      const seg = document.querySelector(`.seg[data-filter="${f}"]`);
      if (filter !== f) seg?.click();
      for (let n = 0; n < 40 && !find(); n++) await new Promise((r) => setTimeout(r, 50));
      if (find()) break;
    }
  }
  const card = find();
  if (!card) return toast('That review is no longer listed.', 'info');
  card.scrollIntoView({ behavior: 'smooth', block: 'center' });
  card.focus({ preventScroll: true });
  card.classList.add('flash');
  setTimeout(() => card.classList.remove('flash'), 1600);
}
