import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetworkSwitch, type NetworkSwitch } from './network-switch';

describe('the network switch', () => {
  const server = createServer((_req, res) => res.end('pong'));
  let net: NetworkSwitch;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    net = await startNetworkSwitch(`http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await net.close();
    await new Promise((r) => server.close(r));
  });

  it('relays while up, refuses while down, relays again once up', async () => {
    await expect(fetch(net.url).then((r) => r.text())).resolves.toBe('pong');
    net.down();
    await expect(fetch(net.url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    net.up();
    await expect(fetch(net.url).then((r) => r.text())).resolves.toBe('pong');
  });
});
