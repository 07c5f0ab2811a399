import { LRUCache } from 'lru-cache';
import type { Interaction } from './types.ts';

/**
 * interaction id → pattern key, for the click path. A recorded interaction's pattern key never
 * changes, so a vote on a recent answer needs no read of the interaction. Entries live 60 s: an
 * interaction `heed forget` or retention removed elsewhere stops taking votes within that time.
 */
export class InteractionKeys {
  private readonly keys = new LRUCache<string, string>({ max: 20_000, ttl: 60_000 });

  remember(interaction: Interaction): Interaction {
    this.keys.set(interaction.id, interaction.patternKey);
    return interaction;
  }

  patternKey(interactionId: string): string | undefined {
    return this.keys.get(interactionId);
  }
}
