import { readdir, readFile, readlink } from 'node:fs/promises';

/** One process of the database stack, as Linux's /proc shows it. */
export interface DbProcess {
  pid: number;
  /** The executable's short name (`ferretdb`, `postgres`, `mongod`). */
  name: string;
  /** front: listens on the URI's port; server: what the front connects to; backend: a server's child. */
  role: 'front' | 'server' | 'backend';
}

interface TcpSocket {
  localPort: number;
  remotePort: number;
  state: string;
  inode: string;
}

const LISTEN = '0A';
const ESTABLISHED = '01';

async function tcpSockets(): Promise<TcpSocket[]> {
  const rows: TcpSocket[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const port = (addr: string | undefined) => Number.parseInt(addr?.split(':')[1] ?? '', 16);
      rows.push({ localPort: port(f[1]), remotePort: port(f[2]), state: f[3]!, inode: f[9]! });
    }
  }
  return rows;
}

/** The port of a local `mongodb://` URI, or 0 when the server is not on this machine. */
export function localPort(uri: string): number {
  return Number(/^mongodb:\/\/(?:[^@/]*@)?(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/.exec(uri)?.[1] ?? 0);
}

/** Whether anything on this machine listens on the port; undefined when /proc cannot tell (not Linux). */
export async function isListening(port: number): Promise<boolean | undefined> {
  const readable = await readFile('/proc/net/tcp', 'utf8').then(
    () => true,
    () => false,
  );
  if (!readable) return undefined;
  return (await tcpSockets()).some((s) => s.state === LISTEN && s.localPort === port);
}

async function pids(): Promise<number[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]!);
  }
  return inodes;
}

/** Name, parent and state ('Z' zombie, 'T' stopped, ...) of a process, or null once it is gone. */
export async function processStat(
  pid: number,
): Promise<{ name: string; ppid: number; state: string } | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!text) return null;
  const close = text.lastIndexOf(')');
  const name = text.slice(text.indexOf('(') + 1, close);
  const [state, ppid] = text
    .slice(close + 2)
    .split(' ')
    .slice(0, 2);
  return { name, ppid: Number(ppid), state: state ?? '?' };
}

/** True while the process exists and has not exited (a zombie waiting to be reaped counts as dead). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await processStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * The processes serving a database address on this machine: the one listening on the URI's port
 * (FerretDB, or a local mongod), the servers it holds TCP connections to (FerretDB's PostgreSQL), and
 * their children (PostgreSQL's backends). Found through /proc, so it needs no help from whoever started
 * them; empty when the server is not local or /proc is unreadable (not Linux).
 */
export async function databaseProcesses(uri: string): Promise<DbProcess[]> {
  const port = localPort(uri);
  if (!port) return [];
  const sockets = await tcpSockets();
  const all = await pids();
  const inodesOf = new Map<number, Set<string>>();
  const inodes = async (pid: number) => {
    let set = inodesOf.get(pid);
    if (!set) {
      set = await socketInodes(pid);
      inodesOf.set(pid, set);
    }
    return set;
  };
  const listeners = async (p: number): Promise<number[]> => {
    const wanted = new Set(
      sockets.filter((s) => s.state === LISTEN && s.localPort === p).map((s) => s.inode),
    );
    if (wanted.size === 0) return [];
    const found: number[] = [];
    for (const pid of all) {
      for (const inode of await inodes(pid))
        if (wanted.has(inode)) {
          found.push(pid);
          break;
        }
    }
    return found;
  };
  const front = await listeners(port);
  const result = new Set<number>(front);
  for (const pid of front) {
    const mine = await inodes(pid);
    const peers = new Set(
      sockets
        .filter((s) => s.state === ESTABLISHED && mine.has(s.inode) && s.localPort !== port)
        .map((s) => s.remotePort),
    );
    for (const peerPort of peers) for (const server of await listeners(peerPort)) result.add(server);
  }
  // Children of the backing servers (PostgreSQL forks one backend per connection).
  const servers = [...result].filter((p) => !front.includes(p));
  for (const pid of await childrenOf(servers, all)) result.add(pid);
  const out: DbProcess[] = [];
  for (const pid of result) {
    const stat = await processStat(pid);
    const role = front.includes(pid) ? 'front' : servers.includes(pid) ? 'server' : 'backend';
    if (stat && pid !== process.pid) out.push({ pid, name: stat.name, role });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** The processes whose parent is one of `parents` (of `among`, or of every process). */
export async function childrenOf(parents: number[], among?: number[]): Promise<number[]> {
  const found: number[] = [];
  for (const pid of among ?? (await pids())) {
    const stat = await processStat(pid);
    if (stat && parents.includes(stat.ppid)) found.push(pid);
  }
  return found;
}
