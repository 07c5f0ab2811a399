import { z } from 'zod';
import type { Clock, FeedbackStore, PatternKeyer } from './ports.ts';
import { parseOrThrow, QuestionSchema } from './schemas.ts';
import { threadKeyOf } from './thread-context.ts';
import { type Interaction, PLATFORMS } from './types.ts';

/** Long enough for any answer the adapters can split into messages; bounded so a row stays small. */
const EXTERNAL_ANSWER_MAX = 40_000;

const short = (max: number) => z.string().trim().min(1).max(max);

/** An answer the team's own bot produced: heed records it so its feedback controls can point at it. */
const ExternalAnswerSchema = z
  .object({
    question: QuestionSchema,
    answer: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(EXTERNAL_ANSWER_MAX, `must be at most ${EXTERNAL_ANSWER_MAX} characters`),
    ref: z
      .object({
        platform: z.enum(PLATFORMS),
        userId: short(128),
        userName: z.string().max(256).optional(),
        channelId: short(128).optional(),
        threadId: short(128).optional(),
        messageId: short(128).optional(),
        teamId: short(128).optional(),
        guildId: short(128).optional(),
      })
      .strict(),
    /** Who answered, as reviews show it ("external" unless the team names its agent). */
    answerer: short(64).default('external'),
    model: short(128).optional(),
    /** heed knowledge entries the answer used (from `heed.knowledge.search`): reviews show their versions. */
    sources: z
      .array(
        z
          .object({
            knowledgeId: z.string().regex(/^[0-9a-f]{24}$/, 'must be a knowledge entry id'),
            version: z.number().int().min(1),
            title: z.string().max(300).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type ExternalAnswer = z.input<typeof ExternalAnswerSchema>;

/** Validates an external answer, keys it by the same pattern keyer as heed's own answers, and stores it. */
export async function recordExternalAnswer(
  deps: { store: FeedbackStore; keyer: PatternKeyer; clock: Clock },
  raw: unknown,
): Promise<Interaction> {
  const a = parseOrThrow(ExternalAnswerSchema, raw, 'answer');
  const patternKey = await deps.keyer.keyFor(a.question);
  // Keyed like heed's own answers, so a later question in the same thread gets this turn as context.
  const threadKey = threadKeyOf(a.ref);
  return deps.store.interactions.insert({
    patternKey,
    question: a.question,
    answer: a.answer,
    ref: a.ref,
    ...(threadKey ? { threadKey } : {}),
    answerer: a.answerer,
    ...(a.model ? { model: a.model } : {}),
    sources: a.sources,
    failed: false,
    createdAt: deps.clock.now(),
  });
}
