// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SyncStatus } from '../../../shared/contracts';
import type { Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import {
  refundRequest,
  returnDetail,
  RETURN_ID,
  RMA,
  AMAZON_ORDER_ID,
} from '../../test/returnsFixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const URL = 'https://backoffice.example.com';

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    backOffice: 'online',
    backOfficeUrl: URL,
    pendingMutations: 0,
    rejectedMutations: 0,
    lastSyncedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    lastError: null,
    ...overrides,
  };
}

function bridgeFor(role: Role, initial: SyncStatus = status()) {
  let current = initial;
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole(role),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'sync.status': () => current,
    'sync.now': () => (current = { ...current, pendingMutations: 0, lastError: null }),
    'sync.rejections': () => [],
  });
}

describe('the sync badge', () => {
  it('shows online, how long ago it synced and what waits; follows the backend’s events', async () => {
    const bridge = bridgeFor('clerk', status({ pendingMutations: 2 }));
    renderApp(bridge);
    const badge = await screen.findByTestId('sync-status');
    await waitFor(() => expect(badge.getAttribute('data-state')).toBe('online'));
    expect(badge.textContent).toContain('Online');
    expect(badge.textContent).toContain('2 pending changes');
    expect(badge.textContent).toContain('Last synced 2 minutes ago');

    act(() =>
      bridge.emit(
        'sync.status',
        status({
          backOffice: 'offline',
          pendingMutations: 5,
          lastError: { code: 'UNREACHABLE', message: 'ECONNREFUSED', traceId: null },
        }),
      ),
    );
    expect(badge.getAttribute('data-state')).toBe('offline');
    expect(badge.textContent).toContain('Offline');
    expect(badge.textContent).toContain('5 pending changes');
    expect(screen.getByTestId('sync-status-error').textContent).toBe(
      'Last error: The back office cannot be reached.',
    );

    act(() =>
      bridge.emit(
        'sync.status',
        status({
          backOffice: 'revoked',
          lastError: { code: 'DEVICE_REVOKED', message: 'revoked', traceId: 'req-42' },
        }),
      ),
    );
    expect(badge.getAttribute('data-state')).toBe('revoked');
    expect(badge.textContent).toContain('Revoked');
    // The trace id is what support needs to find the back office's log line.
    expect(screen.getByTestId('sync-status-error').textContent).toContain('trace req-42');
  });

  it('speaks Chinese too', async () => {
    const bridge = bridgeFor('clerk', status({ backOffice: 'not_enrolled' }));
    bridge.handlers['session.current'] = () => ({
      user: userWithRole('clerk', { language: 'zh-CN' }),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    });
    renderApp(bridge, 'zh-CN');
    const badge = await screen.findByTestId('sync-status');
    await waitFor(() => expect(badge.textContent).toContain('未注册'));
  });
});

describe('the sync screen', () => {
  const openSync = async () => {
    fireEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    return screen.findByTestId('sync-screen');
  };

  it('enrols this desktop with a URL and a code, then shows the new status', async () => {
    const bridge = bridgeFor(
      'store_manager',
      status({ backOffice: 'not_configured', backOfficeUrl: null, lastSyncedAt: null }),
    );
    bridge.handlers['sync.enroll'] = () => ({
      status: status({ pendingMutations: 4 }),
      deviceCode: 'C',
      storeId: DEVICE.storeId,
      scope: 'store',
      storeChanged: false,
    });
    renderApp(bridge);
    const page = await openSync();
    const form = within(page).getByTestId('sync-enroll');
    fireEvent.change(within(form).getByLabelText('Back-office address'), {
      target: { value: ` ${URL} ` },
    });
    fireEvent.change(within(form).getByLabelText('Enrolment code'), {
      target: { value: 'ABCD-1234' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Enrol' }));

    expect((await within(form).findByTestId('enrolled')).textContent).toContain('till C');
    expect(bridge.callsTo('sync.enroll')).toEqual([{ backOfficeUrl: URL, code: 'ABCD-1234' }]);
    await waitFor(() =>
      expect(within(page).getByTestId('sync-facts').getAttribute('data-state')).toBe('online'),
    );
    expect(within(page).getByTestId('sync-pending').textContent).toBe('4');
  });

  it('says why an enrolment was refused', async () => {
    const bridge = bridgeFor('store_manager', status({ backOffice: 'not_enrolled' }));
    bridge.handlers['sync.enroll'] = () => ({
      error: { code: 'ENROLLMENT_CODE_INVALID', message: 'expired' },
    });
    renderApp(bridge);
    const page = await openSync();
    const form = within(page).getByTestId('sync-enroll');
    // The address the desktop knows is filled in.
    await waitFor(() =>
      expect((within(form).getByLabelText('Back-office address') as HTMLInputElement).value).toBe(
        URL,
      ),
    );
    fireEvent.change(within(form).getByLabelText('Enrolment code'), {
      target: { value: 'WRONG-CODE' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Enrol' }));
    expect((await within(form).findByTestId('enroll-error')).textContent).toContain(
      'That enrolment code is wrong, already used or expired.',
    );
  });

  it('syncs now and lists the refused changes with their reasons', async () => {
    const bridge = bridgeFor(
      'store_manager',
      status({ pendingMutations: 3, rejectedMutations: 1 }),
    );
    bridge.handlers['sync.rejections'] = () => [
      {
        mutationId: 7,
        id: '0190a000-0000-7000-8000-00000000aa07',
        name: 'approvals.decide',
        code: 'ALREADY_DECIDED',
        reason: 'Denied by rm.na first.',
        createdAt: '2026-11-21T15:00:00.000Z',
        rejectedAt: '2026-11-21T15:01:00.000Z',
        entityType: 'approval',
        entityId: '0190a000-0000-7000-8000-00000000bb01',
        userName: 'Sam Boss',
      },
    ];
    renderApp(bridge);
    const page = await openSync();
    const rows = await within(page).findAllByTestId('rejection');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('The request had already been decided elsewhere.');
    expect(rows[0]!.textContent).toContain('Denied by rm.na first.');
    expect(rows[0]!.textContent).toContain('Sam Boss');

    fireEvent.click(within(page).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(within(page).getByTestId('sync-pending').textContent).toBe('0'));
    expect(bridge.callsTo('sync.now')).toEqual([{}]);
  });

  it('is not offered to a clerk', async () => {
    renderApp(bridgeFor('clerk'));
    await screen.findByTestId('home-clerk');
    expect(screen.queryByRole('button', { name: 'Sync' })).toBeNull();
  });
});

describe('rows from the back office', () => {
  it('refresh the approvals queue, the return screen and the home without a reload', async () => {
    let pending = refundRequest();
    const bridge = createFakeBridge({
      ...homeHandlers(),
      'session.current': () => ({
        user: userWithRole('store_manager'),
        locked: false,
        device: DEVICE,
        idleLockSeconds: 300,
      }),
      'sync.status': () => status(),
      'returns.recent': () => [
        {
          id: RETURN_ID,
          rmaNumber: RMA,
          status: 'open',
          amazonOrderId: AMAZON_ORDER_ID,
          lineCount: 1,
          createdAt: '2026-11-21T15:00:00.000Z',
          refundStatus: pending.status,
        },
      ],
      'approvals.queue': () => (pending.status === 'pending_approval' ? [pending] : []),
      'returns.get': () => returnDetail({ refunds: [pending] }),
      'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
    });
    renderApp(bridge);
    const card = await screen.findByTestId('pending-approvals');
    await waitFor(() => expect(card.textContent).toContain('1'));
    const queueCalls = bridge.callsTo('approvals.queue').length;

    // A regional manager denied it at the back office; the pull brought the rows.
    pending = refundRequest({
      status: 'denied',
      approval: {
        id: '0190a000-0000-7000-8000-00000000e009',
        decision: 'denied',
        method: 'queue',
        decidedBy: 'Rita Region',
        comment: 'serial returner',
        decidedAt: '2026-11-21T15:10:00.000Z',
      },
    });
    act(() => bridge.emit('data.changed', { tables: ['approvals', 'refundRequests'] }));
    await waitFor(() => expect(bridge.callsTo('approvals.queue').length).toBe(queueCalls + 1));
    await waitFor(() => expect(card.textContent).toContain('0'));

    // Rows of tables nobody here shows change nothing.
    const returnCalls = bridge.callsTo('returns.recent').length;
    act(() => bridge.emit('data.changed', { tables: ['orders'] }));
    expect(bridge.callsTo('returns.recent')).toHaveLength(returnCalls);

    const recent = await screen.findByTestId('recent-returns');
    fireEvent.click(await within(recent).findByRole('button', { name: `Open return ${RMA}` }));
    const status1 = await screen.findByTestId('refund-status');
    expect(status1.textContent).toBe('Denied');
    pending = refundRequest();
    act(() => bridge.emit('data.changed', { tables: ['refundRequests'] }));
    await waitFor(() =>
      expect(screen.getByTestId('refund-status').textContent).toBe('Waiting for a manager'),
    );
  });
});
