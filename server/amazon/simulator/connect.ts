import { createSpApiClient, type SpApiClient, type SpApiClientOptions } from '../client';
import { type AmazonSimulator, SIMULATOR_CREDENTIALS } from './server';

/** A client wired to a running simulator (the back office's "no credentials" mode). */
export function clientForSimulator(
  simulator: Pick<AmazonSimulator, 'url'>,
  options: Partial<SpApiClientOptions> = {},
): SpApiClient {
  return createSpApiClient({
    endpoint: simulator.url,
    sellerId: SIMULATOR_CREDENTIALS.sellerId,
    lwa: {
      clientId: SIMULATOR_CREDENTIALS.clientId,
      clientSecret: SIMULATOR_CREDENTIALS.clientSecret,
      refreshToken: SIMULATOR_CREDENTIALS.refreshToken,
      tokenUrl: `${simulator.url}/auth/o2/token`,
    },
    logger: () => {},
    ...options,
  });
}
