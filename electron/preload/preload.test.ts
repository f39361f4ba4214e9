import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../shared/contracts';
import type { Bridge } from '../../shared/contracts/bridge';
import { contextBridge, ipcRenderer } from '../main/testing/fake-electron';

vi.mock('electron', () => import('../main/testing/fake-electron'));

let exposedName: string;
let api: Bridge;
/** The listener the preload registered on returndesk:event. */
let deliver: (name: unknown, payload: unknown) => void;

beforeAll(async () => {
  await import('./preload');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  [exposedName, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Bridge];
  const registration = ipcRenderer.on.mock.calls.find(
    ([channel]) => channel === 'returndesk:event',
  );
  expect(registration).toBeDefined();
  const listener = registration![1] as (event: unknown, name: unknown, payload: unknown) => void;
  deliver = (name, payload) => listener({ sender: 'ipc-event-object' }, name, payload);
});

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
});

describe('preload', () => {
  it('exposes exactly call and on as window.returnDesk, never ipcRenderer', () => {
    expect(exposedName).toBe('returnDesk');
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.values(api)).not.toContain(ipcRenderer.invoke);
  });

  it('refuses names outside the contracts without touching ipcRenderer', async () => {
    for (const name of ['nope.nothing', '__proto__', 'toString', '', 42 as unknown as string]) {
      await expect(api.call(name, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CALL' },
      });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a known call on returndesk:call and returns its envelope', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, data: 7 });
    const name = CALL_NAMES[0]!;
    await expect(api.call(name, { a: 1 })).resolves.toEqual({ ok: true, data: 7 });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('returndesk:call', name, { a: 1 });
  });

  it('turns a failed invoke into an INTERNAL envelope (errors are values)', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('boom'));
    await expect(api.call('session.current', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('refuses to subscribe to unknown events', () => {
    expect(() => api.on('nope' as never, () => {})).toThrow(/unknown event/);
    expect(() => api.on('__proto__' as never, () => {})).toThrow(/unknown event/);
  });

  it('delivers payloads (not the IPC event) to subscribers until they unsubscribe', () => {
    const cb = vi.fn();
    const other = vi.fn();
    const off = api.on('session.changed', cb);
    api.on('sync.status', other);
    deliver('session.changed', { reason: 'locked' });
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb).toHaveBeenCalledWith({ reason: 'locked' });
    expect(other).not.toHaveBeenCalled();
    off();
    deliver('session.changed', { reason: 'unlocked' });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const bad = vi.fn(() => {
      throw new Error('listener bug');
    });
    const good = vi.fn();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const offBad = api.on('sync.status', bad);
    const offGood = api.on('sync.status', good);
    deliver('sync.status', { state: 'idle' });
    expect(good).toHaveBeenCalledWith({ state: 'idle' });
    offBad();
    offGood();
    errors.mockRestore();
  });
});
