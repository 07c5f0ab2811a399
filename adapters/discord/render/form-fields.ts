import {
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { encodeCustomId, type HeedCustomId } from '../ids.ts';
import { clip, DISCORD } from './limits.ts';

interface TextFieldOptions {
  label: string;
  description?: string;
  paragraph?: boolean;
  required: boolean;
  max: number;
  value?: string;
  placeholder?: string;
}

/** A modal heed reads back: its custom id comes from the one codec (ids.ts), its fields from below. */
export function modal(
  id: HeedCustomId,
  title: string,
  fields: APILabelComponent[],
): APIModalInteractionResponseCallbackData {
  return { custom_id: encodeCustomId(id), title, components: fields };
}

/** A labelled text input for a modal. */
export function textField(customId: string, o: TextFieldOptions): APILabelComponent {
  return labelled(o, {
    type: ComponentType.TextInput,
    custom_id: customId,
    style: o.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: o.required,
    ...(o.required ? { min_length: 1 } : {}),
    max_length: Math.min(o.max, DISCORD.textInput),
    ...(o.value ? { value: o.value } : {}),
    ...(o.placeholder ? { placeholder: clip(o.placeholder, 100) } : {}),
  });
}

/** A labelled multi-select for a modal. */
export function selectField(
  customId: string,
  o: { label: string; description?: string; options: APISelectMenuOption[] },
): APILabelComponent {
  return labelled(o, {
    type: ComponentType.StringSelect,
    custom_id: customId,
    required: false,
    min_values: 0,
    max_values: o.options.length,
    options: o.options,
  });
}

/** discord.js 14.28: a Label component wraps each modal input, with Discord's label and hint limits. */
function labelled(
  o: { label: string; description?: string },
  component: APILabelComponent['component'],
): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: clip(o.label, DISCORD.label),
    ...(o.description ? { description: clip(o.description, 100) } : {}),
    component,
  };
}

/**
 * A text input's value; '' when the field is absent or not a text input. discord.js passes the
 * payload's value through as sent, so anything but a string counts as empty.
 */
export function textValue(i: ModalSubmitInteraction, customId: string): string {
  const field = i.fields.fields.get(customId);
  const value: unknown = field?.type === ComponentType.TextInput ? field.value : '';
  return typeof value === 'string' ? value : '';
}

/** A select's chosen values (strings only); [] when nothing was chosen or the field is absent. */
export function selectValues(i: ModalSubmitInteraction, customId: string): string[] {
  const field = i.fields.fields.get(customId);
  const values: unknown = field?.type === ComponentType.StringSelect ? field.values : [];
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}
