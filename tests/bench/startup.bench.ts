import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { report } from './stats';

const root = resolve(import.meta.dirname, '..', '..');

/** Spawns a command and resolves with the ms until GET / on the URL it prints answers 200. */
function timeToFirstScreen(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 20 s: ${out}`));
    }, 20_000);
    child.stdout.on('data', async (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (!match || child.killed) return;
      child.stdout.removeAllListeners('data');
      const response = await fetch(match[1]!);
      const body = await response.text();
      const elapsed = performance.now() - start;
      clearTimeout(timer);
      child.kill('SIGTERM');
      if (response.status !== 200 || !body.includes('<div id="root">'))
        reject(new Error(`first screen not served: ${response.status}`));
      else child.once('exit', () => resolvePromise(elapsed));
    });
  });
}

/** Browser mode, process start to first screen served, with an existing demo database. */
export async function benchStartup(seededDataDir: string): Promise<void> {
  const baselineServer = join(dirname(new URL(import.meta.url).pathname), 'baseline-server.mjs');
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 7; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'returndesk-bench-start-'));
    cpSync(seededDataDir, dir, { recursive: true });
    ours.push(
      await timeToFirstScreen([join(root, 'dist', 'node', 'web.js')], {
        RETURNDESK_DATA_DIR: dir,
        RETURNDESK_PORT: '0',
      }),
    );
    baseline.push(await timeToFirstScreen([baselineServer], {}));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nBrowser mode: process start → first screen served (budget: under 2 s), 7 runs');
  report('npm run web (built, demo DB)', ours, baseline, 'bare node:http server');
}
