import { type FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { appMention, eventCallback, interactionIdOf } from '../helpers/slack-payloads.ts';
import type { SlackHttpClient } from '../helpers/slack-signer.ts';

/** The interaction ids of heed's answers (messages with feedback buttons) posted since call `since`. */
function answersSince(fake: FakeSlack, since: number): string[] {
  return fake
    .callsTo('chat.postMessage')
    .slice(since)
    .flatMap((c) => {
      try {
        return [interactionIdOf(c)];
      } catch {
        return []; // a review root, a reply in a review thread, a digest …
      }
    });
}

/** Questions asked the way Slack delivers them (app_mention events); the answers' interaction ids. */
export async function askThroughSlack(
  slack: SlackHttpClient,
  fake: FakeSlack,
  questions: string[],
): Promise<string[]> {
  const before = fake.callsTo('chat.postMessage').length;
  for (const [i, text] of questions.entries())
    await slack.event(eventCallback(appMention({ user: `UASK${i % 50}`, text: `<@UBOT> ${text}` })));
  await waitFor(() => answersSince(fake, before).length >= questions.length, 'answers', 120_000);
  return answersSince(fake, before);
}
