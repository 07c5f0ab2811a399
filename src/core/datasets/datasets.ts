import type { DataExportSource, ExportFilter } from '../ports.ts';
import { feedbackRow, interactionRow, reviewRow } from './flat-rows.ts';
import type { DatasetName, OpenAiDpoRow } from './schemas.ts';
import { inFilter, ktoRows, openAiSftRows, preferencePairs, type Tick } from './training-rows.ts';

export interface DatasetOptions {
  /** openai-sft: also 👍-majority answers (their own text as the assistant turn). */
  includeUpvoted?: boolean;
  /** Called once per source document read, for a progress bar. */
  tick?: Tick;
}

/** How many source documents a dataset reads (the progress bar's total). */
export async function sourceTotal(
  name: DatasetName,
  src: DataExportSource,
  filter: ExportFilter,
  opts: DatasetOptions = {},
): Promise<number> {
  switch (name) {
    case 'feedback':
    case 'interactions':
    case 'reviews':
      return src.count(name, filter);
    case 'openai-sft':
      return (await src.count('knowledge', {})) + (opts.includeUpvoted ? await src.count('feedback', {}) : 0);
    case 'trl-kto':
      return src.count('feedback', {});
    default:
      return src.count('knowledge', {});
  }
}

/** The rows of one dataset, streamed: each is ready to write as one JSONL line or CSV record. */
export async function* datasetRows(
  name: DatasetName,
  src: DataExportSource,
  filter: ExportFilter,
  opts: DatasetOptions = {},
): AsyncIterable<object> {
  const tick = opts.tick ?? (() => {});
  switch (name) {
    case 'feedback':
      for await (const f of src.feedback(filter)) {
        tick();
        yield feedbackRow(f);
      }
      return;
    case 'interactions':
      for await (const i of src.interactions(filter)) {
        tick();
        yield interactionRow(i);
      }
      return;
    case 'reviews':
      for await (const r of src.reviews({ ...filter, platform: undefined })) {
        tick();
        // A review belongs to the platform of the question that opened it.
        if (filter.platform) {
          const opener = await src.interaction(r.interactionId);
          if (!opener || !inFilter(opener, { platform: filter.platform })) continue;
        }
        yield reviewRow(r);
      }
      return;
    case 'openai-sft':
      yield* openAiSftRows(src, filter, { includeUpvoted: opts.includeUpvoted, tick });
      return;
    case 'openai-dpo':
      for await (const p of preferencePairs(src, filter, tick))
        yield {
          input: { messages: p.prompt },
          preferred_output: p.chosen,
          non_preferred_output: p.rejected,
        } satisfies OpenAiDpoRow;
      return;
    case 'trl-dpo':
      yield* preferencePairs(src, filter, tick);
      return;
    case 'trl-kto':
      yield* ktoRows(src, filter, tick);
      return;
  }
}
