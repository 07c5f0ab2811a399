import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A load balancer in miniature: each request goes to the next backend in turn, body and headers intact. */
export async function roundRobinProxy(
  backends: string[],
): Promise<{ url: string; hits: number[]; close(): Promise<void> }> {
  let next = 0;
  const hits = backends.map(() => 0);
  const server = http.createServer((req, res) => {
    const i = next++ % backends.length;
    hits[i]! += 1;
    const target = new URL(req.url ?? '/', backends[i]);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
