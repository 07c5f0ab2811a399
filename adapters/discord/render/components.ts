import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  ComponentType,
} from 'discord.js';

export type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;
type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

export function button(
  customId: string,
  label: string,
  emoji: string,
  style: ActionStyle = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, custom_id: customId, label, emoji: { name: emoji }, style };
}

export function row(...components: APIComponentInMessageActionRow[]): MessageRow {
  return { type: ComponentType.ActionRow, components };
}
