/**
 * Builders for Slack payloads in their documented shapes (Events API event_callback envelope,
 * block_actions incl. feedback_buttons, view_submission, slash command form fields).
 */
import type { SlackCall } from './fake-slack.ts';

let seq = 0;
const next = () => ++seq;
const nowTs = () => `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;

export interface SlackUser {
  id: string;
  name?: string;
}
export const user = (id: string, name = id.toLowerCase()): SlackUser => ({ id, name });

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${next()}`) {
  return {
    token: 'verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  };
}

export function appMention(opts: {
  user: string;
  text: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
}) {
  return {
    type: 'app_mention',
    user: opts.user,
    text: opts.text,
    ts: opts.ts ?? nowTs(),
    channel: opts.channel ?? 'CGENERAL',
    team: 'T1',
    ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
  };
}

export function imMessage(opts: {
  user?: string;
  text: string;
  channel?: string;
  subtype?: string;
  botId?: string;
}) {
  return {
    type: 'message',
    channel: opts.channel ?? 'DUSER1',
    channel_type: 'im',
    text: opts.text,
    ts: nowTs(),
    ...(opts.user ? { user: opts.user } : {}),
    ...(opts.subtype ? { subtype: opts.subtype } : {}),
    ...(opts.botId ? { bot_id: opts.botId } : {}),
  };
}

export interface ClickOn {
  user: SlackUser;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  actionTs?: string;
  triggerId?: string;
}

function blockActions(on: ClickOn, action: Record<string, unknown>) {
  const channel = on.channel ?? 'CGENERAL';
  const messageTs = on.messageTs ?? '1700000000.000101';
  return {
    type: 'block_actions',
    user: { id: on.user.id, username: on.user.name, name: on.user.name, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: false,
      ...(on.threadTs ? { thread_ts: on.threadTs } : {}),
    },
    trigger_id: on.triggerId ?? `${next()}.trigger`,
    team: { id: 'T1', domain: 'team' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    message: {
      type: 'message',
      user: 'UBOT',
      ts: messageTs,
      text: 'answer',
      ...(on.threadTs ? { thread_ts: on.threadTs } : {}),
    },
    state: { values: {} },
    response_url: 'http://127.0.0.1:9/unused',
    actions: [{ block_id: 'b', action_ts: on.actionTs ?? nowTs(), ...action }],
  };
}

/** A click on Slack's native feedback buttons (context_actions → feedback_buttons). */
export const feedbackClick = (on: ClickOn, value: string) =>
  blockActions(on, {
    type: 'feedback_buttons',
    action_id: 'heed_vote',
    block_id: 'heed_feedback',
    value,
    text: { type: 'plain_text', text: value.startsWith('up') ? '👍' : '👎', emoji: true },
  });

export const buttonClick = (on: ClickOn, actionId: string, value: string) =>
  blockActions(on, { type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'x' } });

export const selectChange = (on: ClickOn, actionId: string, value: string) =>
  blockActions(on, {
    type: 'static_select',
    action_id: actionId,
    selected_option: { text: { type: 'plain_text', text: value }, value },
  });

/** State values for plain text inputs (block id → text) and checkboxes (block id → chosen values). */
export function modalState(texts: Record<string, string | null>, checked: Record<string, string[]> = {}) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [block, value] of Object.entries(texts))
    values[block] = { value: { type: 'plain_text_input', value } };
  for (const [block, chosen] of Object.entries(checked))
    values[block] = {
      value: {
        type: 'checkboxes',
        selected_options: chosen.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })),
      },
    };
  return { values };
}

export function viewSubmission(opts: {
  user: SlackUser;
  callbackId: string;
  privateMetadata: string;
  state: ReturnType<typeof modalState>;
}) {
  return {
    type: 'view_submission',
    team: { id: 'T1', domain: 'team' },
    user: { id: opts.user.id, username: opts.user.name, name: opts.user.name, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'verification-token',
    trigger_id: `${next()}.trigger`,
    view: {
      id: `V${next()}`,
      team_id: 'T1',
      type: 'modal',
      blocks: [],
      private_metadata: opts.privateMetadata,
      callback_id: opts.callbackId,
      state: opts.state,
      hash: `${next()}.hash`,
      title: { type: 'plain_text', text: 'heed' },
      close: null,
      submit: null,
      root_view_id: 'V0',
      app_id: 'A1',
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The view_submission for a modal heed opened (callback id and private_metadata from the views.open call). */
export function submitOpenedModal(opened: SlackCall, u: SlackUser, state: ReturnType<typeof modalState>) {
  const view = opened.args.view as { callback_id: string; private_metadata: string };
  return viewSubmission({
    user: u,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    state,
  });
}

export function slashCommand(opts: { user: SlackUser; text: string; channel?: string; responseUrl: string }) {
  return {
    token: 'verification-token',
    team_id: 'T1',
    team_domain: 'team',
    channel_id: opts.channel ?? 'CGENERAL',
    channel_name: 'general',
    user_id: opts.user.id,
    user_name: opts.user.name ?? opts.user.id,
    command: '/ask',
    text: opts.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: opts.responseUrl,
    trigger_id: `${next()}.trigger`,
  };
}

// ---- reading what heed posted --------------------------------------------------------------------

type Block = { type: string; elements?: Record<string, unknown>[]; block_id?: string };

export function blocksOf(call: SlackCall): Block[] {
  return (call.args.blocks as Block[] | undefined) ?? [];
}

/** The interaction id carried by an answer's feedback buttons. */
export function interactionIdOf(call: SlackCall): string {
  const fb = blocksOf(call)
    .find((b) => b.type === 'context_actions')
    ?.elements?.find((e) => e.type === 'feedback_buttons') as
    | { positive_button: { value: string } }
    | undefined;
  if (!fb) throw new Error('no feedback buttons in this message');
  return fb.positive_button.value.split(':')[1]!;
}

/** The review id carried by a review root's buttons. */
export function reviewIdOf(call: SlackCall): string {
  const actions = blocksOf(call).find((b) => b.type === 'actions');
  const value = actions?.elements?.[0]?.value;
  if (typeof value !== 'string') throw new Error('no review buttons in this message');
  return value;
}

export const textOf = (call: SlackCall) =>
  JSON.stringify(call.args.blocks ?? '') + String(call.args.text ?? '');
