import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../rate-limit/fake-clock';
import { LwaError } from './errors';
import { LwaTokenProvider } from './lwa';

/** A real HTTP token endpoint that counts requests and answers what the test says. */
async function tokenEndpoint(
  answer: (form: URLSearchParams, n: number) => { status: number; body: unknown },
): Promise<{ url: string; server: Server; requests: URLSearchParams[] }> {
  const requests: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      requests.push(form);
      const { status, body } = answer(form, requests.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/auth/o2/token`, server, requests };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const credentials = (tokenUrl: string) => ({
  clientId: 'amzn1.application-oa2-client.test',
  clientSecret: 'secret',
  refreshToken: 'Atzr|refresh',
  tokenUrl,
});

describe('LwaTokenProvider', () => {
  it('sends the refresh_token grant and caches the token until five minutes before expiry', async () => {
    const endpoint = await tokenEndpoint((_, n) => ({
      status: 200,
      body: { access_token: `Atza|${n}`, token_type: 'bearer', expires_in: 3600 },
    }));
    servers.push(endpoint.server);
    const clock = new FakeClock();
    const lwa = new LwaTokenProvider(credentials(endpoint.url), { clock });

    expect(await lwa.getAccessToken()).toBe('Atza|1');
    expect(Object.fromEntries(endpoint.requests[0] ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|refresh',
      client_id: 'amzn1.application-oa2-client.test',
      client_secret: 'secret',
    });
    await clock.advance(54 * 60_000);
    expect(await lwa.getAccessToken()).toBe('Atza|1');
    await clock.advance(60_001);
    expect(await lwa.getAccessToken()).toBe('Atza|2');
  });

  it('makes one refresh for many concurrent callers once the token has expired', async () => {
    const endpoint = await tokenEndpoint((_, n) => ({
      status: 200,
      body: { access_token: `Atza|${n}`, token_type: 'bearer', expires_in: 3600 },
    }));
    servers.push(endpoint.server);
    const clock = new FakeClock();
    const lwa = new LwaTokenProvider(credentials(endpoint.url), { clock });
    await lwa.getAccessToken();
    await clock.advance(3600_000);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => lwa.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['Atza|2']));
    expect(endpoint.requests).toHaveLength(2);
  });

  it('drops an invalidated token and fetches a new one', async () => {
    const endpoint = await tokenEndpoint((_, n) => ({
      status: 200,
      body: { access_token: `Atza|${n}`, token_type: 'bearer', expires_in: 3600 },
    }));
    servers.push(endpoint.server);
    const lwa = new LwaTokenProvider(credentials(endpoint.url), { clock: new FakeClock() });
    const first = await lwa.getAccessToken();
    lwa.invalidate('some other token');
    expect(await lwa.getAccessToken()).toBe(first);
    lwa.invalidate(first);
    expect(await lwa.getAccessToken()).toBe('Atza|2');
  });

  it('surfaces invalid_grant as a typed error without retrying', async () => {
    const endpoint = await tokenEndpoint(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The request has an invalid grant parameter : refresh_token',
      },
    }));
    servers.push(endpoint.server);
    const lwa = new LwaTokenProvider(credentials(endpoint.url), { clock: new FakeClock() });
    const error = await lwa.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_grant' });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('retries a 5xx from LWA with backoff, then succeeds', async () => {
    const endpoint = await tokenEndpoint((_, n) =>
      n < 3
        ? { status: 503, body: { error: 'server_error' } }
        : {
            status: 200,
            body: { access_token: 'Atza|ok', token_type: 'bearer', expires_in: 3600 },
          },
    );
    servers.push(endpoint.server);
    const clock = new FakeClock();
    const lwa = new LwaTokenProvider(credentials(endpoint.url), {
      clock,
      backoff: { random: () => 0.5 },
    });
    const token = lwa.getAccessToken();
    await clock.runUntilIdle();
    expect(await token).toBe('Atza|ok');
    expect(endpoint.requests).toHaveLength(3);
  });

  it('reports a malformed answer and an unreachable endpoint as typed errors', async () => {
    const endpoint = await tokenEndpoint(() => ({ status: 200, body: { token: 'x' } }));
    servers.push(endpoint.server);
    const bad = new LwaTokenProvider(credentials(endpoint.url), { clock: new FakeClock() });
    await expect(bad.getAccessToken()).rejects.toMatchObject({ code: 'bad_response' });

    const clock = new FakeClock();
    const down = new LwaTokenProvider(credentials('http://127.0.0.1:1/auth/o2/token'), {
      clock,
      backoff: { maxAttempts: 2, random: () => 0 },
    });
    const result = down.getAccessToken().catch((e: unknown) => e);
    await clock.runUntilIdle();
    expect(await result).toMatchObject({ name: 'LwaError', code: 'network' });
  });
});
