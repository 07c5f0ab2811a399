import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  Interaction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { DiscordConfig } from '../../../src/config.ts';
import type { AdapterContext } from '../../adapter.ts';
import { atBoundary } from '../boundary.ts';
import {
  type ButtonId,
  decodeCustomId,
  isButtonId,
  isModalId,
  isSelectId,
  type ModalId,
  type SelectId,
} from '../ids.ts';
import { ASK } from '../transport/commands.ts';
import { handleAsk } from './ask.ts';
import {
  handleCorrection,
  handleRating,
  handleReasons,
  handleVote,
  openCorrectionForm,
  openReasonsForm,
} from './feedback.ts';
import { handleReviewButton, handleReviewForm } from './review.ts';

/** Discord's own settings and client, as every handler sees them. */
interface DiscordPlatform {
  config: DiscordConfig;
  client: Client;
  /** Whether heed answers its `/ask` command (false when attached to a team's client). */
  ownsCommands: boolean;
}
export type DiscordContext = AdapterContext<DiscordPlatform, Interaction>;

type Routed =
  | { kind: 'ask'; i: ChatInputCommandInteraction }
  | { kind: 'button'; i: ButtonInteraction; id: ButtonId }
  | { kind: 'select'; i: StringSelectMenuInteraction; id: SelectId }
  | { kind: 'modal'; i: ModalSubmitInteraction; id: ModalId };

/**
 * heed's part of an interaction, or null: other commands and ids that are not ours are ignored. On a
 * team's own client (`ownsCommands: false`) every slash command is theirs, `/ask` included.
 */
function routeOf(i: Interaction, ownsCommands: boolean): Routed | null {
  if (i.isChatInputCommand()) return ownsCommands && i.commandName === ASK.name ? { kind: 'ask', i } : null;
  if (!i.isButton() && !i.isStringSelectMenu() && !i.isModalSubmit()) return null;
  const id = decodeCustomId(i.customId);
  if (!id) return null;
  if (i.isButton()) return isButtonId(id) ? { kind: 'button', i, id } : null;
  if (i.isStringSelectMenu()) return isSelectId(id) ? { kind: 'select', i, id } : null;
  return isModalId(id) ? { kind: 'modal', i, id } : null;
}

/**
 * Every INTERACTION_CREATE goes through here. A delivery is claimed durably first (the same
 * interaction twice counts once, across restarts and instances) — the one de-duplication of the
 * Discord adapter; failures end at the boundary.
 */
export function createInteractionRouter(ctx: DiscordContext): (i: Interaction) => Promise<void> {
  return async (i) => {
    const routed = routeOf(i, ctx.platform.ownsCommands);
    if (!routed) {
      ctx.logger.debug({ interactionId: i.id, type: i.type }, 'interaction not for heed; ignored');
      return;
    }
    const what = routed.kind === 'ask' ? 'ask' : routed.id.kind;
    await atBoundary(i, what, ctx, async () => {
      const fresh = await ctx.core.claimDelivery(`discord:interaction:${i.id}`);
      if (!fresh) {
        ctx.logger.info({ interactionId: i.id, what }, 'duplicate interaction delivery ignored');
        return;
      }
      await dispatch(routed, ctx);
    });
  };
}

async function dispatch(r: Routed, ctx: DiscordContext): Promise<unknown> {
  switch (r.kind) {
    case 'ask':
      return handleAsk(r.i, ctx);
    case 'select':
      return handleRating(r.i, r.id.interactionId, ctx);
    case 'button':
      switch (r.id.kind) {
        case 'vote':
          return handleVote(r.i, r.id, ctx);
        case 'why':
          return openReasonsForm(r.i, r.id.interactionId);
        case 'correct':
          return openCorrectionForm(r.i, r.id.interactionId);
        case 'review':
          return handleReviewButton(r.i, r.id, ctx);
      }
      break;
    case 'modal':
      switch (r.id.kind) {
        case 'why-modal':
          return handleReasons(r.i, r.id.interactionId, ctx);
        case 'correct-modal':
          return handleCorrection(r.i, r.id.interactionId, ctx);
        case 'review-modal':
          return handleReviewForm(r.i, r.id, ctx);
      }
  }
}
