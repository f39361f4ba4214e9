// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../shared/contracts/bridge';
import { createApi } from './client';

describe('createApi', () => {
  it('passes calls and answers through the bridge', async () => {
    const call = vi.fn<Bridge['call']>(async () => ({ ok: true, data: { locked: true } }));
    const api = createApi({ call, on: () => () => {} });
    const answer = await api.call('auth.lock', {});
    expect(call).toHaveBeenCalledWith('auth.lock', {});
    expect(answer).toEqual({ ok: true, data: { locked: true } });
  });

  it('never throws: a throwing bridge or a malformed answer becomes an INTERNAL envelope', async () => {
    const throwing = createApi({
      call: async () => Promise.reject(new Error('boom')),
      on: () => () => {},
    });
    expect(await throwing.call('session.current', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });

    const malformed = createApi({ call: async () => 'nonsense' as never, on: () => () => {} });
    const answer = await malformed.call('session.current', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('INTERNAL');
  });

  it('tells error listeners about failed calls only', async () => {
    const answers = [
      { ok: true as const, data: {} },
      { ok: false as const, error: { code: 'SESSION_LOCKED' as const, message: 'locked' } },
    ];
    const api = createApi({ call: async () => answers.shift()!, on: () => () => {} });
    const heard = vi.fn();
    const off = api.onCallError(heard);
    await api.call('sync.status', {});
    await api.call('sync.status', {});
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith('sync.status', {
      code: 'SESSION_LOCKED',
      message: 'locked',
    });
    off();
  });

  it('subscribes to events through the bridge', () => {
    const unsubscribe = vi.fn();
    let registered: ((p: unknown) => void) | undefined;
    const api = createApi({
      call: async () => ({ ok: true, data: null }),
      on: (_event, cb) => {
        registered = cb;
        return unsubscribe;
      },
    });
    const cb = vi.fn();
    const off = api.on('session.changed', cb);
    registered!({ reason: 'locked' });
    expect(cb).toHaveBeenCalledWith({ reason: 'locked' });
    off();
    expect(unsubscribe).toHaveBeenCalled();
  });
});
