export { feedbackControls, type SlackMessage } from './blocks/answer-blocks.ts';
export type { BoltTuning } from './bolt-app.ts';
export { postAnswer } from './handlers/post-answer.ts';
export { createSlackAdapter, SlackAdapter, type SlackAdapterOptions } from './slack-adapter.ts';
