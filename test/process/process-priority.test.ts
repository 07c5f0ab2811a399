import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// In a child of its own: lowering priorities must not touch the test runner's threads.
const SCRIPT = `
import { spawn } from 'node:child_process';
import os from 'node:os';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
// Whether this machine lets this process set a session's group nice at all (a kernel, LSM or container
// may refuse it): the test sets it itself on a session of its own, waiting out the kernel's 100 ms
// interval between unprivileged writes, before heed tries on another.
const probe = spawn('sleep', ['30'], { detached: true });
const setGroupNice = async (pid) => {
  for (let tries = 0; tries < 50; tries++) {
    try { writeFileSync('/proc/' + pid + '/autogroup', '10'); return 'done'; }
    catch (err) { if (err.code !== 'EAGAIN') return err.code; await new Promise((r) => setTimeout(r, 150)); }
  }
  return 'EAGAIN';
};
const probed = selfBefore === null ? null : await setGroupNice(probe.pid);
const { threads: lowered, groups } = lowerAllBut(workerTid, [other.pid, alone.pid]);
const groupsLowered = await groups;
const nice = (pid) => readdirSync('/proc/' + pid + '/task').map((t) => [Number(t), os.getPriority(Number(t))]);
const later = new Worker("setInterval(() => {}, 1000)", { eval: true, execArgv: [] });
await new Promise((r) => later.once('online', r));
console.log(JSON.stringify({ lowered, groupsLowered, workerTid, mine: nice(process.pid), other: nice(other.pid), probed, groups: { selfBefore, self: group('self'), other: group(other.pid), alone: group(alone.pid), probe: group(probe.pid) } }));
other.kill(); alone.kill(); probe.kill(); await worker.terminate(); await later.terminate();
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
    const r = JSON.parse(out) as {
      groups: Record<'selfBefore' | 'self' | 'other' | 'alone' | 'probe', string | null>;
      groupsLowered: number;
      probed: string | null;
    };
    const { groups, groupsLowered, probed } = r;
    if (groups.self === null) return; // a kernel without autogroups: nothing to set
    const seen = JSON.stringify(r);
    expect(groups.self, seen).toBe(groups.selfBefore);
    // The child in this session shares this group, which stays as it was.
    expect(groups.other, seen).toBe(groups.self);
    expect(groups.alone, seen).not.toBe(groups.self);
    expect(groups.probe, seen).not.toBe(groups.self);
    // Allowed only where the write returned and the kernel shows it.
    if (probed === 'done' && / nice 10$/.test(groups.probe ?? '')) {
      expect(groups.alone, seen).toMatch(/ nice 10$/);
      expect(groupsLowered, seen).toBe(1);
    } else {
      // The machine refuses the write (the probe's error code) or does not apply it: heed leaves the
      // group as it is, says it lowered none, and goes on.
      expect(probed, seen).toMatch(/^(E[A-Z]+|done)$/);
      expect(groups.alone, seen).toMatch(/ nice 0$/);
      expect(groupsLowered, seen).toBe(0);
    }
  });
});
