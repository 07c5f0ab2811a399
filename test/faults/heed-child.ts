import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { processStat } from '../../src/store/db-processes.ts';
import { ROOT } from './slack-heed.ts';

export interface HeedChild {
  child: ChildProcess;
  /** heed's HTTP base, from the "heed is running on" line. */
  url: string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` (tsx src/main.ts) as its own process, resolved once it printed its address. */
/** The NODE_OPTIONS package.json's start script puts before an operator's own. */
const START_NODE_OPTIONS = (() => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return /NODE_OPTIONS="([^"$]*)/.exec(pkg.scripts.start)?.[1]?.trim() ?? '';
})();

export async function spawnHeed(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<HeedChild> {
  // As `npm start` runs it: node with tsx as a loader and the start script's NODE_OPTIONS (the heap
  // cap) before the caller's, which may override them.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...env, NODE_OPTIONS: `${START_NODE_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim() },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`heed printed no address: ${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const m = /heed is running on (http:\/\/[^\s]+)/.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      resolve(m[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stderr?.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`heed exited (${code}) before it was up: ${stderr}`));
    });
  });
  return { child, url, stderr: () => stderr, exited };
}

/** Every live descendant of a process (its children, their children, ...). */
export async function descendants(root: number): Promise<{ pid: number; name: string }[]> {
  const all: { pid: number; ppid: number; name: string; state: string }[] = [];
  for (const n of await readdir('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    const stat = await processStat(Number(n));
    if (stat) all.push({ pid: Number(n), ...stat });
  }
  const out: { pid: number; name: string }[] = [];
  const walk = (pid: number) => {
    for (const p of all)
      if (p.ppid === pid && p.state !== 'Z') {
        out.push({ pid: p.pid, name: p.name });
        walk(p.pid);
      }
  };
  walk(root);
  return out;
}
