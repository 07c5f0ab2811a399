import { api } from './api.js';

// What the forms offer and allow: the reasons (in the server's order, with its labels) and every
// length limit, read from the server (the core's own constants) so the page never holds a copy.
export const options = { reasons: [], limits: {} };

export async function loadOptions() {
  const { reasons, limits } = await api('/api/options');
  options.reasons = reasons;
  options.limits = limits;
}

/** The server's label for a reason, or the reason itself when it is unknown here. */
export function reasonLabel(value) {
  return options.reasons.find((r) => r.value === value)?.label ?? value;
}
