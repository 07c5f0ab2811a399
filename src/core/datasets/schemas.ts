import { z } from 'zod';

/**
 * The exact shape of every `heed export` dataset. Training formats follow the providers' documents:
 * OpenAI chat fine-tuning (`messages`), OpenAI preference fine-tuning (`input.messages`,
 * `preferred_output`, `non_preferred_output`), TRL conversational preference (`prompt`, `chosen`,
 * `rejected`) and TRL unpaired preference for KTO (`prompt`, `completion`, `label`).
 */
const content = z.string().min(1);
const SystemMessageSchema = z.object({ role: z.literal('system'), content }).strict();
const UserMessageSchema = z.object({ role: z.literal('user'), content }).strict();
const AssistantMessageSchema = z.object({ role: z.literal('assistant'), content }).strict();

/** System turn (when instructions existed then) and the user's question. */
const PromptSchema = z.union([
  z.tuple([SystemMessageSchema, UserMessageSchema]),
  z.tuple([UserMessageSchema]),
]);
const oneAssistant = z.tuple([AssistantMessageSchema]);

const OpenAiSftRowSchema = z
  .object({
    messages: z.union([
      z.tuple([SystemMessageSchema, UserMessageSchema, AssistantMessageSchema]),
      z.tuple([UserMessageSchema, AssistantMessageSchema]),
    ]),
  })
  .strict();
const OpenAiDpoRowSchema = z
  .object({
    input: z.object({ messages: PromptSchema }).strict(),
    preferred_output: oneAssistant,
    non_preferred_output: oneAssistant,
  })
  .strict();
const TrlDpoRowSchema = z
  .object({ prompt: PromptSchema, chosen: oneAssistant, rejected: oneAssistant })
  .strict();
const TrlKtoRowSchema = z
  .object({ prompt: PromptSchema, completion: oneAssistant, label: z.boolean() })
  .strict();

const iso = z.iso.datetime();
const maybe = <T extends z.ZodType>(s: T) => s.nullable();
const platform = z.enum(['slack', 'discord', 'web']);
/** What every exported row about one person's action starts with. */
const personRow = {
  id: z.string().min(1),
  createdAt: iso,
  platform,
  userId: z.string().min(1),
  userName: maybe(z.string()),
};

const FeedbackRowSchema = z
  .object({
    ...personRow,
    updatedAt: iso,
    interactionId: z.string().min(1),
    patternKey: z.string(),
    kind: z.enum(['vote', 'rating', 'correction']),
    /** up/down, 1–5, or the correction text ('' once redacted). */
    value: z.union([z.string(), z.number().int().min(1).max(5)]),
    reasons: z.array(z.string()),
    comment: maybe(z.string()),
    reviewId: maybe(z.string()),
    redacted: z.boolean(),
  })
  .strict();

const InteractionRowSchema = z
  .object({
    ...personRow,
    channelId: maybe(z.string()),
    patternKey: z.string(),
    question: z.string(),
    answer: z.string(),
    answerer: z.string(),
    model: maybe(z.string()),
    failed: z.boolean(),
    /** Knowledge entries behind the answer, `<knowledgeId>:v<version>`. */
    sources: z.array(z.string()),
    redacted: z.boolean(),
  })
  .strict();

const ReviewRowSchema = z
  .object({
    id: z.string().min(1),
    createdAt: iso,
    updatedAt: iso,
    status: z.enum(['open', 'resolved', 'dismissed']),
    patternKey: z.string(),
    interactionId: z.string(),
    question: z.string(),
    threadPlatforms: z.array(platform),
    action: maybe(z.enum(['apply_correction', 'update_instructions', 'dismiss'])),
    resolvedAt: maybe(iso),
    resolvedByPlatform: maybe(platform),
    resolvedById: maybe(z.string()),
    resolvedByName: maybe(z.string()),
    resolutionText: maybe(z.string()),
    resolutionNote: maybe(z.string()),
    knowledgeId: maybe(z.string()),
    knowledgeVersion: maybe(z.number().int()),
    instructionsVersion: maybe(z.number().int()),
  })
  .strict();

export type OpenAiSftRow = z.output<typeof OpenAiSftRowSchema>;
export type OpenAiDpoRow = z.output<typeof OpenAiDpoRowSchema>;
export type TrlDpoRow = z.output<typeof TrlDpoRowSchema>;
export type TrlKtoRow = z.output<typeof TrlKtoRowSchema>;
export type FeedbackRow = z.output<typeof FeedbackRowSchema>;
export type InteractionRow = z.output<typeof InteractionRowSchema>;
export type ReviewRow = z.output<typeof ReviewRowSchema>;

/** Each dataset's schema, and for the flat ones the CSV columns in order. */
export const DATASET_SCHEMAS = {
  feedback: FeedbackRowSchema,
  interactions: InteractionRowSchema,
  reviews: ReviewRowSchema,
  'openai-sft': OpenAiSftRowSchema,
  'openai-dpo': OpenAiDpoRowSchema,
  'trl-dpo': TrlDpoRowSchema,
  'trl-kto': TrlKtoRowSchema,
} as const;
export type DatasetName = keyof typeof DATASET_SCHEMAS;
export const DATASETS = Object.keys(DATASET_SCHEMAS) as DatasetName[];
/** CSV is offered for the flat datasets only; the columns are the schema's keys, in order. */
export const CSV_COLUMNS: Partial<Record<DatasetName, readonly string[]>> = {
  feedback: Object.keys(FeedbackRowSchema.shape),
  interactions: Object.keys(InteractionRowSchema.shape),
  reviews: Object.keys(ReviewRowSchema.shape),
};
