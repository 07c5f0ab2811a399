// A worker thread's entry for a TypeScript module: tsx's loader is registered in this thread, then
// `workerData.entry` is imported (a worker does not inherit the parent's `--import tsx`).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
