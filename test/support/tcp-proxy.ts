// A loopback TCP proxy in front of a real server (PostgreSQL): cut() drops every connection and
// refuses new ones, as when the database host goes away; restore() accepts again on the same port.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  let server: Server;
  let open = false;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        track(client);
        track(upstream);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        open = true;
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  const stop = async () => {
    for (const s of sockets) s.destroy();
    if (!open) return;
    open = false;
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    port,
    cut: stop,
    restore: async () => void (open || (await listen(port))),
    close: stop,
  };
}
