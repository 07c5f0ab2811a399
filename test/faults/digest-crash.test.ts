import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { testMongoUri } from '../helpers/db.ts';
import { FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { DIGEST_CHANNEL, ROOT, slackEnv } from './slack-heed.ts';

// `heed digest --post` as its own process, SIGKILLed while Slack holds its digest post unanswered.
const fake = await new FakeSlack().start();
let holding = true;
const held: http.ServerResponse[] = [];
const front = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (holding && req.url?.endsWith('/chat.postMessage') && body.toString().includes(DIGEST_CHANNEL)) {
      held.push(res); // Slack got the message; its answer never arrives.
      return;
    }
    const up = http.request(
      { host: '127.0.0.1', port: fake.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.end(body);
  });
});
await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
const dbName = `fault_digest_${randomBytes(4).toString('hex')}`;
const env = slackEnv(fake, {
  MONGODB_URI: testMongoUri(),
  MONGODB_DB: dbName,
  SLACK_API_URL: `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/`,
});
const client = new MongoClient(testMongoUri());
afterAll(async () => {
  for (const r of held) r.destroy();
  front.closeAllConnections();
  front.close();
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => {});
  await client.close();
  await fake.close();
});

function cli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out };
}

const digestPosts = () =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST_CHANNEL).length + held.length;

describe('heed killed with SIGKILL while it posts the digest', () => {
  it('the next run does not post it a second time within the lease', async () => {
    const first = cli(['digest', '--post']);
    await waitFor(() => held.length > 0, 'the digest post to reach Slack', 60_000).catch((err) => {
      throw new Error(`${err.message}: ${first.output()}`);
    });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    holding = false;

    const second = cli(['digest', '--post']);
    const { code } = await second.exited;
    expect(digestPosts()).toBe(1);
    expect(code, second.output()).not.toBe(0);
    const records = await client.db(dbName).collection('digests').find({}).toArray();
    expect(records.map((r) => r.status)).not.toContain('posted');
  }, 120_000);
});
