import type {
  CallInput,
  CallName,
  CallOutput,
  Envelope,
  EventName,
  EventPayload,
  SessionUser,
} from '../../shared/contracts';
import type { AppErrorBody } from '../../shared/contracts/errors';
import type { Bridge } from '../../shared/contracts/bridge';
import { permissionsOf, type Role } from '../../shared/domain/permissions';

type Answer<N extends CallName> = CallOutput<N> | { error: AppErrorBody };
type Handler<N extends CallName> = (input: CallInput<N>) => Answer<N> | Promise<Answer<N>>;
export type Handlers = { [N in CallName]?: Handler<N> };

/** A Bridge that answers from a table of handlers and records every call, for UI tests. */
export interface FakeBridge extends Bridge {
  calls: { name: string; input: unknown }[];
  handlers: Handlers;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsTo(name: CallName): unknown[];
}

export function createFakeBridge(handlers: Handlers = {}): FakeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: FakeBridge = {
    calls: [],
    handlers,
    async call(name, input): Promise<Envelope<unknown>> {
      bridge.calls.push({ name, input });
      const handler = bridge.handlers[name as CallName] as
        ((input: unknown) => unknown) | undefined;
      if (!handler)
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: `no fake for ${name}` } };
      const answer = await handler(input);
      if (
        typeof answer === 'object' &&
        answer !== null &&
        'error' in answer &&
        !Array.isArray(answer)
      ) {
        return { ok: false, error: (answer as { error: AppErrorBody }).error };
      }
      return { ok: true, data: answer };
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      return () => set.delete(cb);
    },
    emit(event, payload) {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
    callsTo(name) {
      return bridge.calls.filter((c) => c.name === name).map((c) => c.input);
    },
  };
  return bridge;
}

export const STORE_ID = '0190a000-0000-7000-8000-000000000001';
export const REGION_ID = '0190a000-0000-7000-8000-0000000000a1';

export const DEVICE = {
  id: '0190a000-0000-7000-8000-0000000000d1',
  code: 'B',
  storeId: STORE_ID,
  storeCode: 'NY01',
  storeName: 'New York — Herald Square',
  timeZone: 'America/New_York',
};

export function userWithRole(role: Role, overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: '0190a000-0000-7000-8000-0000000000e1',
    username: role === 'clerk' ? 'alice' : role,
    displayName: role === 'clerk' ? 'Alice Chen' : `Test ${role}`,
    role,
    scope:
      role === 'clerk' || role === 'store_manager'
        ? { kind: 'store', storeId: STORE_ID }
        : role === 'regional_manager'
          ? { kind: 'region', regionId: REGION_ID }
          : { kind: 'chain' },
    language: 'en',
    permissions: [...permissionsOf(role)],
    ...overrides,
  };
}

/** Answers for every read a home screen makes, so any role's home can render. */
export function homeHandlers(): Handlers {
  return {
    'sync.status': () => ({
      backOffice: 'not_configured',
      backOfficeUrl: null,
      pendingMutations: 3,
      rejectedMutations: 0,
      lastSyncedAt: null,
      lastError: null,
    }),
    'orders.recent': () => [
      {
        id: '0190a000-0000-7000-8000-00000000f001',
        amazonOrderId: '113-1234567-7654321',
        marketplace: 'US',
        purchasedAt: '2026-11-20T03:30:00.000Z',
        deliveredAt: null,
        status: 'Shipped',
        buyerName: 'J*** D***',
        lineCount: 2,
        itemCount: 3,
        total: { amountMinor: 12345, currency: 'USD' },
      },
    ],
    'directory.stores': () => [
      {
        id: STORE_ID,
        code: 'NY01',
        name: 'New York — Herald Square',
        regionId: REGION_ID,
        regionName: 'North-East',
        timeZone: 'America/New_York',
        currency: 'USD',
        marketplaces: ['US'],
        address: '151 W 34th St, New York, NY',
      },
    ],
    'users.list': () => [],
    'amazonAccount.get': () => ({
      connected: false,
      clientIdHint: null,
      refreshTokenSet: false,
      sellerId: null,
      region: null,
      updatedAt: null,
    }),
    'settings.get': () => ({ idleLockSeconds: 300, maxFailedSignIns: 5, lockoutMinutes: 15 }),
    'finance.orderTotals': () => [
      {
        currency: 'USD',
        orders: 12,
        gross: { amountMinor: 150000, currency: 'USD' },
        tax: { amountMinor: 12000, currency: 'USD' },
      },
      {
        currency: 'JPY',
        orders: 2,
        gross: { amountMinor: 9800, currency: 'JPY' },
        tax: { amountMinor: 980, currency: 'JPY' },
      },
    ],
    'audit.recent': () => [],
    'refunds.deadlines': () => [],
    'audit.verify': () => ({ intact: true, checked: 0, firstBroken: null }),
    'returns.recent': () => [],
    'approvals.queue': () => [],
    'printers.queue': () => ({ jobs: [] }),
    'manifests.pending': () => ({ lines: [] }),
  };
}
