import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between one desktop and the back office that a test can cut and restore: the
 * desktop's network going down and up, for real (connections refused and live ones dropped),
 * without touching either process.
 */
export interface NetworkSwitch {
  /** The address to give the desktop instead of the back office's. */
  url: string;
  readonly online: boolean;
  /** Cuts the line: drops open connections and refuses new ones until `up()`. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startNetworkSwitch(targetUrl: string): Promise<NetworkSwitch> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let online = true;
  const server: Server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get online() {
      return online;
    },
    down() {
      online = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up() {
      online = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
