import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { storeContract } from './contract/store-contract.ts';

storeContract('in memory', async () => createMemoryFeedbackStore());
