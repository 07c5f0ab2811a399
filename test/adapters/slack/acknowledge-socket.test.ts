import { describe, expect, it } from 'vitest';
import { startSlackHarness, storedCounts } from '../../helpers/slack-harness.ts';

const h = await startSlackHarness({ prefix: 'slack_ack_socket', mode: 'socket' });
const who = { id: 'U7', username: 'u7', name: 'u7', team_id: 'T1' };
const base = { token: 'verification-token', team: { id: 'T1', domain: 'team' }, api_app_id: 'A1', user: who };

describe('Slack Socket Mode: requests without a listener are acknowledged too', () => {
  // Without the catch-all these envelopes are never acknowledged and sendEnvelope never resolves.
  for (const [what, payload] of [
    ['a global shortcut', { ...base, type: 'shortcut', callback_id: 'someone_elses', trigger_id: '1.t' }],
    ['a closed modal', { ...base, type: 'view_closed', view: { id: 'V1', callback_id: 'heed_correction' } }],
    ['a body Bolt cannot classify', { hello: 'world' }],
  ] as const) {
    it(`acknowledges ${what}, stores nothing`, async () => {
      const before = await storedCounts(h.store);
      await expect(h.fake.sendEnvelope('interactive', payload)).resolves.toBeDefined();
      expect(await storedCounts(h.store)).toEqual(before);
      expect(h.logger.lines.some((l) => /not acknowledged/.test(l.msg ?? ''))).toBe(false);
    });
  }
});
