import { z } from 'zod';
import { errorMessage, HeedError } from './errors.ts';
import { PLATFORMS, REASONS } from './types.ts';

/** Every limit a user can hit, in one place (adapters show them in their forms). */
export const LIMITS = {
  question: 4000,
  comment: 1000,
  correction: 4000,
  instructions: 8000,
  note: 1000,
  userId: 128,
  userName: 256,
} as const;

/** Ids the store hands out (MongoDB ObjectId hex). Anything else is refused before it reaches a query. */
export const IdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character hex id');

/** Who did something, in the platform's own terms. */
const person = {
  platform: z.enum(PLATFORMS),
  userId: z.string().min(1).max(LIMITS.userId),
};
const userName = z.string().max(LIMITS.userName).optional();

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const ActorSchema = z
  .object({
    ...person,
    name: userName,
    /** Decided by the adapter from platform facts (channel membership, role, permission); enforced by the core. */
    isModerator: z.boolean(),
  })
  .strict();

const base = { interactionId: IdSchema, ...person, userName };

/** The one entry point for every incoming reaction, whatever the platform. */
export const FeedbackEventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...base,
      kind: z.literal('vote'),
      value: z.enum(['up', 'down']),
      reasons: z.array(z.enum(REASONS)).max(REASONS.length).default([]),
      comment: z
        .string()
        .trim()
        .max(LIMITS.comment, `must be at most ${LIMITS.comment} characters`)
        .optional(),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('correction'), value: text(LIMITS.correction) }).strict(),
  z.object({ ...base, kind: z.literal('rating'), value: z.number().int().min(1).max(5) }).strict(),
]);
export type FeedbackEventInput = z.input<typeof FeedbackEventSchema>;

export const ResolutionCommandSchema = z.discriminatedUnion('action', [
  z
    .object({
      reviewId: IdSchema,
      actor: ActorSchema,
      action: z.literal('apply_correction'),
      text: text(LIMITS.correction),
    })
    .strict(),
  z
    .object({
      reviewId: IdSchema,
      actor: ActorSchema,
      action: z.literal('update_instructions'),
      text: text(LIMITS.instructions),
    })
    .strict(),
  z
    .object({
      reviewId: IdSchema,
      actor: ActorSchema,
      action: z.literal('dismiss'),
      note: z.string().trim().max(LIMITS.note).optional(),
    })
    .strict(),
]);

/** Someone asking to act on a review (a button before its form): who, on which review, what. */
export const ReviewAttemptSchema = z
  .object({
    reviewId: IdSchema,
    actor: ActorSchema,
    action: z.enum(['apply_correction', 'update_instructions', 'dismiss']),
  })
  .strict();

export const QuestionSchema = text(LIMITS.question);

/** Where a question was asked, as the adapter read it from the platform: strings only, bounded. */
const refId = z.string().min(1).max(256);
export const ConversationRefSchema = z
  .object({
    ...person,
    userName,
    channelId: refId.optional(),
    threadId: refId.optional(),
    messageId: refId.optional(),
    teamId: refId.optional(),
    guildId: refId.optional(),
  })
  .strict();

/**
 * `schema.safeParse` that never throws. Zod runs a length check (min, max) on any value that has a
 * `length`, even one that already failed its type check, and compares that length as a number: a
 * hostile value such as `{"length": {"toString": null}}` (JSON can carry one) makes the comparison
 * throw a TypeError. That value is refused like any other that does not fit.
 */
export function safeParse<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  try {
    return schema.safeParse(input) as z.ZodSafeParseResult<z.output<S>>;
  } catch (err) {
    const message = `not a readable value (${errorMessage(err)})`;
    const error = new z.ZodError([{ code: 'custom', path: [], message, input }]) as z.ZodError<z.output<S>>;
    return { success: false, error };
  }
}

/** Parses with a schema; failures become one HeedError that names the offending fields. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
  throw new HeedError('invalid_input', `Invalid ${what}: ${detail}`, { cause: result.error });
}
