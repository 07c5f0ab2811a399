export type { BoltTuning } from './bolt-app.ts';
export { createSlackAdapter, SlackAdapter, type SlackAdapterOptions } from './slack-adapter.ts';
