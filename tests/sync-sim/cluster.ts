import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, createBackend } from '../../electron/backend/backend';
import { MIGRATIONS_DIR } from '../../db/testing/temp-dir';
import { DEMO_SECRETS } from '../../shared/demo-data';
import type { DeviceScope } from '../../shared/sync/protocol';
import { startNetworkSwitch, type NetworkSwitch } from '../support/network-switch';
import type { BackOfficeCommand } from './back-office-worker';
import type { DesktopCommand, DesktopReply } from './messages';

/**
 * The processes of one simulation run: a back office worker and desktop workers, each desktop
 * behind a network switch of its own, all on one simulated clock. Children are forked as
 * `node --import tsx <worker>` and spoken to over IPC; any of them can be SIGKILLed and
 * started again on the same data.
 */

export const SIM_START = Date.parse('2026-11-21T15:00:00.000Z');
const here = import.meta.dirname;
const REPLY_TIMEOUT_MS = 60_000;

export interface DesktopSpec {
  name: string;
  storeCode: string;
  scope: DeviceScope;
  /** channel → username; `mgr` must be a user allowed sync.review (rejections, sync.now). */
  users: Record<string, string>;
}

const SECRET_OF: Record<string, string> = {
  clerk: DEMO_SECRETS.clerk,
  manager: DEMO_SECRETS.store_manager,
  rm: DEMO_SECRETS.regional_manager,
};

function secretOf(username: string): string {
  return SECRET_OF[username.split('.')[0]!]!;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A forked worker with request/answer over IPC; pending answers fail when it dies. */
export class Worker {
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  readonly exited: Promise<number | null>;
  readonly ready: Promise<Record<string, unknown>>;
  private stderr = '';

  constructor(
    readonly label: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => done(code ?? (signal ? -1 : null))),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.ready = new Promise((done, fail) => {
      const onExit = () => fail(new Error(`${label} exited before it was ready: ${this.stderr}`));
      child.once('exit', onExit);
      child.on('message', (message: { type?: string; seq?: number } & DesktopReply) => {
        if (message.type === 'ready') {
          child.off('exit', onExit);
          done(message as Record<string, unknown>);
          return;
        }
        const waiting = this.pending.get(message.seq);
        if (!waiting) return;
        this.pending.delete(message.seq);
        clearTimeout(waiting.timer);
        if (message.ok) waiting.resolve(message.result);
        else waiting.reject(new Error(`${label}: ${message.error}`));
      });
    });
    child.once('exit', () => {
      for (const waiting of this.pending.values()) {
        clearTimeout(waiting.timer);
        waiting.reject(new WorkerGone(label));
      }
      this.pending.clear();
    });
  }

  request<T>(command: unknown): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new Error(`${this.label}: no answer to ${JSON.stringify(command)} in time`));
      }, REPLY_TIMEOUT_MS);
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.send({ seq, command });
    });
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  get log(): string {
    return this.stderr;
  }
}

export class WorkerGone extends Error {
  constructor(label: string) {
    super(`${label} is gone`);
    this.name = 'WorkerGone';
  }
}

export function forkWorker(label: string, script: string, env: Record<string, string>): Worker {
  const child = fork(join(here, script), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new Worker(label, child);
}

export interface SimDesktop {
  spec: DesktopSpec;
  index: number;
  dataDir: string;
  net: NetworkSwitch;
  worker: Worker;
  deviceId: string;
  storeId: string;
  env: Record<string, string>;
  restarts: number;
}

export class SimCluster {
  readonly root: string;
  private office!: Worker;
  private officeEnv!: Record<string, string>;
  officeUrl = '';
  readonly desktops: SimDesktop[] = [];
  private readonly templates = new Map<string, string>();
  officeRestarts = 0;

  private constructor(private readonly options: { databaseUrl?: string; intervalMs: number }) {
    this.root = mkdtempSync(join(tmpdir(), 'returndesk-sim-'));
  }

  static async start(options: {
    databaseUrl?: string;
    intervalMs: number;
    desktops: DesktopSpec[];
  }): Promise<SimCluster> {
    const cluster = new SimCluster(options);
    try {
      await cluster.startOffice();
      for (const spec of options.desktops) await cluster.addDesktop(spec);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private async startOffice(): Promise<void> {
    const port = await freePort();
    const dataDir = join(this.root, 'back-office');
    mkdirSync(dataDir);
    this.officeEnv = {
      SIM_PORT: String(port),
      SIM_DATA_DIR: dataDir,
      SIM_DATABASE_URL: this.options.databaseUrl ?? '',
      SIM_START_MS: String(SIM_START),
      SIM_EPOCH_MS: String(simEpoch),
    };
    this.office = forkWorker('back office', 'back-office-worker.ts', this.officeEnv);
    this.officeUrl = String((await this.office.ready).url);
  }

  /** A seeded database per store (the slow part: hashing every demo PIN), copied per desktop. */
  private async template(storeCode: string): Promise<string> {
    let file = this.templates.get(storeCode);
    if (file) return file;
    const dir = join(this.root, `template-${storeCode}`);
    mkdirSync(dir);
    const seeded = await createBackend({
      dataDir: dir,
      migrationsDir: MIGRATIONS_DIR,
      storeCode,
      now: () => SIM_START,
      log: () => {},
      // A syncing desktop gets its orders from the back office: none seeded here.
      sync: { backOfficeUrl: 'http://127.0.0.1:9', intervalMs: 3_600_000 },
    });
    seeded.close();
    file = join(dir, DATABASE_FILE);
    this.templates.set(storeCode, file);
    return file;
  }

  private async addDesktop(spec: DesktopSpec): Promise<void> {
    const code = await this.officeRequest<string>({
      cmd: 'enrollmentCode',
      storeCode: spec.storeCode,
      scope: spec.scope,
    });
    const net = await startNetworkSwitch(this.officeUrl);
    const dataDir = join(this.root, `desktop-${this.desktops.length}-${spec.name}`);
    mkdirSync(dataDir);
    const users = Object.fromEntries(
      Object.entries(spec.users).map(([channel, username]) => [
        channel,
        [username, secretOf(username)],
      ]),
    );
    const env = {
      SIM_DATA_DIR: dataDir,
      SIM_TEMPLATE: await this.template(spec.storeCode),
      SIM_STORE: spec.storeCode,
      SIM_BACKOFFICE_URL: net.url,
      SIM_ENROLLMENT_CODE: code,
      SIM_INTERVAL_MS: String(this.options.intervalMs),
      SIM_USERS: JSON.stringify(users),
      SIM_START_MS: String(SIM_START),
      SIM_EPOCH_MS: String(simEpoch),
    };
    const worker = forkWorker(spec.name, 'desktop-worker.ts', env);
    const ready = (await worker.ready) as { device: { id: string; storeId: string } };
    this.desktops.push({
      spec,
      index: this.desktops.length,
      dataDir,
      net,
      worker,
      env,
      deviceId: ready.device.id,
      storeId: ready.device.storeId,
      restarts: 0,
    });
  }

  officeRequest<T>(command: BackOfficeCommand): Promise<T> {
    return this.office.request<T>(command);
  }

  request<T>(desktop: SimDesktop, command: DesktopCommand): Promise<T> {
    return desktop.worker.request<T>(command);
  }

  /** SIGKILL, then the same desktop started again on its folder. */
  async restartDesktop(desktop: SimDesktop, killed = true): Promise<void> {
    if (killed) await desktop.worker.kill();
    desktop.worker = forkWorker(desktop.spec.name, 'desktop-worker.ts', desktop.env);
    const ready = (await desktop.worker.ready) as { device: { id: string; storeId: string } };
    desktop.storeId = ready.device.storeId;
    desktop.restarts += 1;
  }

  async killDesktop(desktop: SimDesktop): Promise<void> {
    await desktop.worker.kill();
  }

  async killOffice(): Promise<void> {
    await this.office.kill();
  }

  async restartOffice(): Promise<void> {
    await this.office.kill();
    this.office = forkWorker('back office', 'back-office-worker.ts', this.officeEnv);
    await this.office.ready;
    this.officeRestarts += 1;
  }

  /** Tails of the workers' stderr, for a failure report. */
  logs(): string {
    return [this.office, ...this.desktops.map((d) => d.worker)]
      .map((w) => `--- ${w.label}\n${w.log}`)
      .join('\n');
  }

  async stop(): Promise<void> {
    for (const desktop of this.desktops) {
      await desktop.worker.kill();
      await desktop.net.close();
    }
    await this.office?.kill();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every process's clock: SIM_START plus the time since this module was loaded. */
const simEpoch = Date.now();
export const simNow = () => SIM_START + (Date.now() - simEpoch);
export const ROOT = resolve(here, '..', '..');
