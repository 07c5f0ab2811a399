import type { IncomingMessage, ServerResponse } from 'node:http';

const HEARTBEAT_MS = 25_000;

/** What the page is told about; it re-reads the affected pane from the JSON API. */
export type PlaygroundEvent =
  | {
      type: 'review';
      change: 'opened' | 'appended' | 'refreshed' | 'resolved';
      reviewId: string;
      status: string;
    }
  | { type: 'interaction'; interactionId: string }
  | { type: 'feedback'; interactionId: string }
  | { type: 'digest'; periodKey: string };

/** Server-sent events to every open playground page. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | undefined;
  private seq = 0;

  get size(): number {
    return this.clients.size;
  }

  /** Handles GET /api/events: keeps the response open until the page or the server goes away. */
  subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    // `retry` tells EventSource how soon to reconnect after the server restarts.
    res.write(`retry: 3000\nevent: hello\ndata: {}\n\n`);
    this.clients.add(res);
    this.ensureHeartbeat();
    const drop = () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopHeartbeat();
    };
    req.on('close', drop);
    res.on('close', drop);
  }

  publish(event: PlaygroundEvent): void {
    const frame = `id: ${++this.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  closeAll(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.stopHeartbeat();
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat) return;
    // A comment line keeps proxies and idle timeouts from closing a quiet stream.
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': ping\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
