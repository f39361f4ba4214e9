import { createServer, type Server, type Socket } from 'node:net';

/**
 * A Zebra's raw port for tests: a TCP server on 127.0.0.1 that keeps what each connection
 * sent, as one job per connection (a raw print job is everything sent until the close).
 */
export interface FakeZplPrinter {
  port: number;
  /** The bytes of each connection, in the order they ended. */
  readonly jobs: Buffer[];
  connections(): number;
  close(): Promise<void>;
}

export async function startFakeZplPrinter(port = 0): Promise<FakeZplPrinter> {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => jobs.push(Buffer.concat(chunks)));
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, port);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return {
    port: address.port,
    jobs,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (until a test starts a printer there). */
export async function unusedPort(): Promise<number> {
  const printer = await startFakeZplPrinter();
  await printer.close();
  return printer.port;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
