import net from 'node:net';

/**
 * A loopback TCP proxy that can cut every open connection, as a failing network or a restarting server
 * would. `onClientData` is called for each chunk a client sends (a request on its way), before it is
 * passed on: a test can cut there, with that request in flight.
 */
export async function startTcpProxy(target: { host: string; port: number }, onClientData?: () => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    if (onClientData) client.on('data', onClientData);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    /** Resets every connection now (the driver sees ECONNRESET / a closed socket). */
    cutAll(): number {
      const n = sockets.size;
      for (const s of sockets) s.resetAndDestroy();
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
