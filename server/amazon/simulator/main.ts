import { SIMULATOR_CREDENTIALS, startAmazonSimulator } from './server';

/** `npm run amazon:sim`: the simulator on its own (PORT, SEED, TIME_SCALE, MODE from the env). */
const simulator = await startAmazonSimulator({
  port: Number(process.env.PORT ?? 4600),
  seed: process.env.SEED ? Number(process.env.SEED) : undefined,
  timeScale: process.env.TIME_SCALE ? Number(process.env.TIME_SCALE) : undefined,
  mode: process.env.MODE === 'sandbox' ? 'sandbox' : 'simulate',
});
console.log(`Amazon simulator on ${simulator.url}`);
console.log(
  `LWA token endpoint ${simulator.url}/auth/o2/token, client id ${SIMULATOR_CREDENTIALS.clientId}`,
);
const stop = () => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
