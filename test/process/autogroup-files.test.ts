import { describe, expect, it } from 'vitest';
import { type AutogroupFiles, lowerAllBut } from '../../src/process-priority.ts';

// Pids no machine hands out (above Linux's largest pid_max), so no real thread is touched.
const ALONE = 90_000_001;
const ROOTED = 90_000_002;

/** A /proc stand-in: each pid's autogroup text; a write sets the nice, as the kernel does. */
function fakeProc(texts: Record<string, string>): AutogroupFiles & { writes: number[] } {
  const writes: number[] = [];
  return {
    writes,
    read(pid) {
      const text = texts[String(pid)];
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    },
    write(pid, level) {
      writes.push(pid);
      const text = texts[String(pid)]!;
      if (text === '') throw Object.assign(new Error('invalid'), { code: 'EINVAL' });
      texts[String(pid)] = text.replace(/ nice -?\d+/, ` nice ${level}`);
    },
  };
}

describe('lowerAllBut on scheduling groups', () => {
  it('lowers a session’s group when this process is in the root group, whose file reads empty', async () => {
    const texts = { self: '', [ALONE]: '/autogroup-7 nice 0\n', [ROOTED]: '' };
    const files = fakeProc(texts);
    const { groups } = lowerAllBut(0, [ALONE, ROOTED], 10, files);
    expect(await groups).toBe(1);
    expect(texts[ALONE]).toBe('/autogroup-7 nice 10\n');
    // A process sharing the root group is left alone: its nice is not settable.
    expect(files.writes).toEqual([ALONE]);
  });

  it('leaves its own group and the root group alone from a group of its own', async () => {
    const texts = { self: '/autogroup-3 nice 0\n', [ALONE]: '/autogroup-3 nice 0\n', [ROOTED]: '' };
    const files = fakeProc(texts);
    expect(await lowerAllBut(0, [ALONE, ROOTED], 10, files).groups).toBe(0);
    expect(files.writes).toEqual([]);
  });

  it('does nothing where the kernel has no autogroups', async () => {
    const files = fakeProc({ [ALONE]: '/autogroup-7 nice 0\n' });
    expect(await lowerAllBut(0, [ALONE], 10, files).groups).toBe(0);
    expect(files.writes).toEqual([]);
  });
});
