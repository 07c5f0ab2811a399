import { LIMITS } from '../../../src/core/schemas.ts';
import { REASON_LABELS, REASONS, type Reason } from '../../../src/core/types.ts';

/** What the page's forms offer and allow, straight from the core's own constants (never copied in JS). */
export interface FormOptions {
  /** The 👎 reasons in the core's order, each with the label every adapter shows. */
  reasons: { value: Reason; label: string }[];
  /** Every length limit a user can hit (characters). */
  limits: typeof LIMITS;
}

export function formOptions(): FormOptions {
  return {
    reasons: REASONS.map((value) => ({ value, label: REASON_LABELS[value] })),
    limits: LIMITS,
  };
}
