import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// In a child of its own: lowering priorities must not touch the test runner's threads.
const SCRIPT = `
import { spawn } from 'node:child_process';
import os from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lowerAllBut } from './src/process-priority.ts';
const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())); setInterval(() => {}, 1000);", { eval: true, execArgv: [] });
const workerTid = await new Promise((r) => worker.once('message', r));
const other = spawn('sleep', ['30']);
// A session of its own, as every PostgreSQL backend starts: its own scheduling group where Linux has autogroups.
// Node calls setsid() in the child before exec and returns only after exec, so the session exists now
// (the setsid command calls it only once it runs, which a loaded machine may delay past any wait).
const alone = spawn('sleep', ['30'], { detached: true });
const group = (pid) => { try { return readFileSync('/proc/' + pid + '/autogroup', 'utf8').trim(); } catch { return null; } };
const selfBefore = group('self');
const { threads: lowered, groups } = lowerAllBut(workerTid, [other.pid, alone.pid]);
const groupsLowered = await groups;
const nice = (pid) => readdirSync('/proc/' + pid + '/task').map((t) => [Number(t), os.getPriority(Number(t))]);
const later = new Worker("setInterval(() => {}, 1000)", { eval: true, execArgv: [] });
await new Promise((r) => later.once('online', r));
console.log(JSON.stringify({ lowered, groupsLowered, workerTid, mine: nice(process.pid), other: nice(other.pid), groups: { selfBefore, self: group('self'), other: group(other.pid), alone: group(alone.pid) } }));
other.kill(); alone.kill(); await worker.terminate(); await later.terminate();
`;

describe('lowerAllBut', () => {
  it('puts every thread of this process but the kept one, and the given processes, at nice 10', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const r = JSON.parse(out) as {
      lowered: number;
      workerTid: number;
      mine: [number, number][];
      other: [number, number][];
    };
    expect(r.workerTid).toBeGreaterThan(0);
    const kept = r.mine.filter(([tid]) => tid === r.workerTid);
    expect(kept).toEqual([[r.workerTid, 0]]);
    const rest = r.mine.filter(([tid]) => tid !== r.workerTid);
    expect(rest.length).toBeGreaterThan(2);
    // Threads started after the call (the second worker) inherit the main thread's level too.
    for (const [, nice] of rest) expect(nice).toBe(10);
    expect(r.other.length).toBeGreaterThan(0);
    for (const [, nice] of r.other) expect(nice).toBe(10);
    expect(r.lowered).toBeGreaterThanOrEqual(rest.length - 1);
  });

  it('puts a given process that leads a session of its own behind as a group, never this process’s group', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const { groups, groupsLowered } = JSON.parse(out) as {
      groups: Record<'selfBefore' | 'self' | 'other' | 'alone', string | null>;
      groupsLowered: number;
    };
    if (groups.self === null) return; // a kernel without autogroups: nothing to set
    expect(groups.self).toBe(groups.selfBefore);
    // The child in this session shares this group, which stays as it was.
    expect(groups.other).toBe(groups.self);
    expect(groups.alone).not.toBe(groups.self);
    expect(groups.alone).toMatch(/ nice 10$/);
    expect(groupsLowered).toBe(1);
  });
});
