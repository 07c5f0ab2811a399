export { postAnswer } from './handlers/post-answer.ts';
export { feedbackControls, type SlackMessage } from './render/answer.ts';
export { createSlackAdapter, SlackAdapter, type SlackAdapterOptions } from './slack-adapter.ts';
export type { BoltTuning } from './transport/bolt-app.ts';
