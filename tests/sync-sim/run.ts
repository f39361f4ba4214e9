import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncStatus } from '../../shared/contracts';
import {
  checkConvergence,
  type DesktopFinal,
  type OfficeSnapshot,
  type RecordedOp,
} from './checks';
import { SimCluster, WorkerGone, type DesktopSpec, type SimDesktop } from './cluster';
import type { DesktopSnapshot, OpOutcome } from './messages';
import type { Step } from './schedule';

/**
 * One simulation run: three store PCs and two managers' laptops (each its own process and
 * SQLite file) against one back office process; the schedule's steps in order; then everyone
 * online, synced until quiet, and every invariant checked.
 */
export const SIM_DESKTOPS: DesktopSpec[] = [
  {
    name: 'ny01-a',
    storeCode: 'NY01',
    scope: 'store',
    users: { clerk: 'clerk.ny01', mgr: 'manager.ny01' },
  },
  {
    name: 'ny01-b',
    storeCode: 'NY01',
    scope: 'store',
    users: { clerk: 'clerk.ny01', mgr: 'manager.ny01' },
  },
  {
    name: 'bo01-a',
    storeCode: 'BO01',
    scope: 'store',
    users: { clerk: 'clerk.bo01', mgr: 'manager.bo01' },
  },
  { name: 'rm-laptop-1', storeCode: 'NY01', scope: 'region', users: { mgr: 'rm.na' } },
  { name: 'rm-laptop-2', storeCode: 'BO01', scope: 'region', users: { mgr: 'rm.na' } },
];
const STORE_DESKTOPS = 3;
/** Order lines the store desktops share: small, so returns and refunds of one line collide. */
const ORDER_LINE_POOL = 10;

export interface SimOptions {
  databaseUrl?: string;
  /** The desktops' background sync interval. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface SimResult {
  problems: string[];
  facts: Record<string, unknown>;
}

export async function runSimulation(
  schedule: { steps: Step[]; reconnect: number[] },
  options: SimOptions = {},
): Promise<SimResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const cluster = await SimCluster.start({
    databaseUrl: options.databaseUrl,
    intervalMs: options.intervalMs ?? 1500,
    desktops: SIM_DESKTOPS,
  });
  const ops: RecordedOp[] = [];
  const counts: Record<string, number> = {};
  const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  try {
    log(`cluster up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Every desktop enrolled and has pulled the chain and its orders before the schedule.
    for (const desktop of cluster.desktops) {
      const status = await cluster.request<SyncStatus>(desktop, { cmd: 'syncNow' });
      if (status.backOffice !== 'online')
        throw new Error(`${desktop.spec.name} not online: ${JSON.stringify(status)}`);
    }

    const change = async (
      desktop: SimDesktop,
      step: number,
      kind: string,
      run: Promise<OpOutcome>,
    ) => {
      const outcome = await run;
      count(`${kind}:${outcome.ok ? 'ok' : outcome.code}`);
      ops.push({ step, desktop: desktop.spec.name, deviceId: desktop.deviceId, kind, outcome });
    };

    for (const [i, step] of schedule.steps.entries()) {
      if (step.kind === 'pause') {
        await sleep(step.ms);
        continue;
      }
      const desktop = cluster.desktops[step.desktop]!;
      const isStore = step.desktop < STORE_DESKTOPS;
      let kind = step.kind;
      // Managers' laptops take no returns: their counter work is deciding.
      if (!isStore && (kind === 'return' || kind === 'qc' || kind === 'refund')) kind = 'decide';
      switch (kind) {
        case 'return':
          await change(
            desktop,
            i,
            kind,
            cluster.request(desktop, {
              cmd: 'createReturn',
              channel: 'clerk',
              pick: (step as { pick: number }).pick,
              pool: ORDER_LINE_POOL,
              dear: (step as { dear: boolean }).dear,
            }),
          );
          break;
        case 'qc':
          await change(
            desktop,
            i,
            kind,
            cluster.request(desktop, {
              cmd: 'qc',
              channel: 'clerk',
              pick: (step as { pick: number }).pick,
              grade: (step as { grade: string }).grade,
            }),
          );
          break;
        case 'refund':
          await change(
            desktop,
            i,
            kind,
            cluster.request(desktop, {
              cmd: 'refund',
              channel: 'clerk',
              pick: (step as { pick: number }).pick,
            }),
          );
          break;
        case 'decide':
          await change(
            desktop,
            i,
            kind,
            cluster.request(desktop, {
              cmd: 'decide',
              channel: 'mgr',
              pick: 'pick' in step ? step.pick : 0,
              decision: 'decision' in step ? step.decision : 'approved',
            }),
          );
          break;
        case 'sync':
          await cluster.request(desktop, { cmd: 'syncNow' });
          count('sync');
          break;
        case 'net':
          if (step.kind === 'net') {
            if (step.up) desktop.net.up();
            else desktop.net.down();
            count(step.up ? 'net:up' : 'net:down');
          }
          break;
        case 'killDesktop': {
          const pushing = cluster.request(desktop, { cmd: 'syncNow' }).catch(gone);
          await sleep((step as { delayMs: number }).delayMs);
          await cluster.restartDesktop(desktop);
          await pushing;
          count('kill:desktop');
          break;
        }
        case 'killServer': {
          const pushing = cluster.request(desktop, { cmd: 'syncNow' });
          await sleep((step as { delayMs: number }).delayMs);
          await cluster.restartOffice();
          await pushing;
          count('kill:server');
          break;
        }
      }
    }
    log(
      `schedule done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`,
    );

    // Everyone back online, in the schedule's order, then sync until nothing moves.
    for (const index of schedule.reconnect) {
      const desktop = cluster.desktops[index]!;
      desktop.net.up();
      await cluster.request(desktop, { cmd: 'syncNow' });
    }
    let quiet = false;
    for (let round = 0; round < 12 && !quiet; round++) {
      const before = await cluster.officeRequest<number>({ cmd: 'version' });
      const statuses: SyncStatus[] = [];
      for (const desktop of cluster.desktops)
        statuses.push(await cluster.request<SyncStatus>(desktop, { cmd: 'syncNow' }));
      const after = await cluster.officeRequest<number>({ cmd: 'version' });
      quiet =
        before === after &&
        statuses.every(
          (s) => s.pendingMutations === 0 && s.lastError === null && s.backOffice === 'online',
        );
      if (!quiet && round >= 3)
        log(
          `round ${round}: ${before}→${after} ${JSON.stringify(statuses.map((s) => [s.pendingMutations, s.lastError?.code]))}`,
        );
    }
    const problems: string[] = [];
    if (!quiet)
      problems.push('the desktops never became quiet (pending changes or errors after 12 rounds)');

    const office = await cluster.officeRequest<OfficeSnapshot>({ cmd: 'snapshot' });
    const finals: DesktopFinal[] = [];
    for (const desktop of cluster.desktops) {
      finals.push({
        name: desktop.spec.name,
        scope: desktop.spec.scope,
        snapshot: await cluster.request<DesktopSnapshot>(desktop, { cmd: 'snapshot' }),
      });
    }
    const checked = checkConvergence(office, finals, ops);
    problems.push(...checked.problems);
    const facts = {
      ...checked.facts,
      steps: schedule.steps.length,
      counts,
      desktopRestarts: cluster.desktops.reduce((n, d) => n + d.restarts, 0),
      officeRestarts: cluster.officeRestarts,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    if (problems.length > 0) problems.push(`worker logs:\n${cluster.logs()}`);
    return { problems, facts };
  } finally {
    await cluster.stop();
  }
}

function gone(error: unknown): void {
  if (!(error instanceof WorkerGone)) throw error;
}
