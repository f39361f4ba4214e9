import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contracts/bridge';
import type { Backend, BackendEventListener } from '../backend/types';
import { bridgeIpc, FORBIDDEN_SENDER } from './ipc';
import { fakeFrame, FakeWebContents, ipcMain, resetFakes } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

function fakeBackend() {
  let listener: BackendEventListener | undefined;
  const backend = {
    dispatch: vi.fn(async (_channel: string, _name: string, _input: unknown) => ({
      ok: true as const,
      data: { hello: 'world' },
    })),
    onEvent: vi.fn((l: BackendEventListener) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    }),
    dropChannel: vi.fn(),
    close: vi.fn(),
  };
  const emit = (channel: string | null, event: string, payload: unknown) =>
    (listener as unknown as (c: string | null, e: string, p: unknown) => void)?.(
      channel,
      event,
      payload,
    );
  return {
    backend: backend as typeof backend & Backend,
    emit,
    hasListener: () => listener !== undefined,
  };
}

type Setup = ReturnType<typeof setup>;
function setup() {
  const fb = fakeBackend();
  const log = vi.fn();
  const bridge = bridgeIpc(fb.backend, log);
  const ours = new FakeWebContents('app://returndesk/index.html');
  bridge.trust(ours as never);
  const handler = ipcMain.handlers.get(IPC_CALL_CHANNEL)!;
  const call = (
    event: { sender: FakeWebContents; senderFrame: unknown },
    name: unknown,
    input?: unknown,
  ) => handler(event, name, input) as Promise<unknown>;
  return { ...fb, log, bridge, ours, call };
}

let s: Setup;
beforeEach(() => {
  resetFakes();
  s = setup();
});

describe('returndesk:call sender checks', () => {
  it('registers the handler on the documented channel', () => {
    expect(IPC_CALL_CHANNEL).toBe('returndesk:call');
    expect(ipcMain.handlers.has('returndesk:call')).toBe(true);
  });

  it('passes a call from our window main frame to the backend on channel = webContents id', async () => {
    const reply = await s.call(
      { sender: s.ours, senderFrame: s.ours.mainFrame },
      'session.current',
      {},
    );
    expect(reply).toEqual({ ok: true, data: { hello: 'world' } });
    expect(s.backend.dispatch).toHaveBeenCalledWith(String(s.ours.id), 'session.current', {});
  });

  const rejected: Array<[string, () => { sender: FakeWebContents; senderFrame: unknown }]> = [
    ['a null senderFrame', () => ({ sender: s.ours, senderFrame: null })],
    [
      'a subframe of our window',
      () => ({
        sender: s.ours,
        senderFrame: fakeFrame('app://returndesk/index.html', s.ours.mainFrame),
      }),
    ],
    [
      'a subframe even if it reports the main frame id',
      () => ({
        sender: s.ours,
        senderFrame: { ...s.ours.mainFrame, parent: s.ours.mainFrame },
      }),
    ],
    [
      'a foreign URL when Chromium reports no origin',
      () => {
        s.ours.mainFrame = { ...fakeFrame('https://evil.example/'), origin: '' };
        return { sender: s.ours, senderFrame: s.ours.mainFrame };
      },
    ],
    [
      'a main frame showing another origin',
      () => {
        s.ours.mainFrame = fakeFrame('https://evil.example/');
        return { sender: s.ours, senderFrame: s.ours.mainFrame };
      },
    ],
    [
      'a file:// page in our window',
      () => {
        s.ours.mainFrame = fakeFrame('file:///tmp/x.html');
        return { sender: s.ours, senderFrame: s.ours.mainFrame };
      },
    ],
    [
      'a frame whose Chromium origin disagrees with its URL',
      () => {
        s.ours.mainFrame = { ...fakeFrame('app://returndesk/index.html'), origin: 'null' };
        return { sender: s.ours, senderFrame: s.ours.mainFrame };
      },
    ],
    [
      'a window we did not create',
      () => {
        const stranger = new FakeWebContents('app://returndesk/index.html');
        return { sender: stranger, senderFrame: stranger.mainFrame };
      },
    ],
    [
      'a frame of another window sent through ours',
      () => {
        const stranger = new FakeWebContents('app://returndesk/index.html');
        return { sender: s.ours, senderFrame: stranger.mainFrame };
      },
    ],
    [
      'a frame that throws on access (disposed)',
      () => ({
        sender: s.ours,
        senderFrame: {
          get url(): string {
            throw new Error('Render frame was disposed');
          },
          get parent(): null {
            throw new Error('Render frame was disposed');
          },
        },
      }),
    ],
  ];

  it.each(rejected)(
    'rejects %s with FORBIDDEN and never reaches the backend',
    async (_label, makeEvent) => {
      const reply = await s.call(makeEvent(), 'session.current', {});
      expect(reply).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'untrusted sender' },
      });
      expect(reply).toEqual(FORBIDDEN_SENDER);
      expect(s.backend.dispatch).not.toHaveBeenCalled();
      expect(s.log).toHaveBeenCalledWith(expect.objectContaining({ msg: 'ipc.forbidden' }));
    },
  );

  it('answers UNKNOWN_CALL for names outside the contracts without reaching the backend', async () => {
    for (const name of ['nope.nothing', 42, undefined, '__proto__', 'constructor']) {
      const reply = await s.call({ sender: s.ours, senderFrame: s.ours.mainFrame }, name, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(s.backend.dispatch).not.toHaveBeenCalled();
  });

  it('turns a backend throw into INTERNAL without leaking the message', async () => {
    s.backend.dispatch.mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /secret/path'));
    const reply = await s.call(
      { sender: s.ours, senderFrame: s.ours.mainFrame },
      'session.current',
      {},
    );
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });
});

describe('window lifecycle', () => {
  it('drops the channel when the window is destroyed and no longer trusts it', async () => {
    s.ours.destroy();
    expect(s.backend.dropChannel).toHaveBeenCalledWith(String(s.ours.id));
    const reply = await s.call(
      { sender: s.ours, senderFrame: s.ours.mainFrame },
      'session.current',
      {},
    );
    expect(reply).toEqual(FORBIDDEN_SENDER);
    expect(s.backend.dispatch).not.toHaveBeenCalled();
  });

  it('dispose removes the handler and the event subscription', () => {
    s.bridge.dispose();
    expect(ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    expect(s.hasListener()).toBe(false);
  });
});

describe('backend events', () => {
  it('go to the matching channel only', () => {
    const other = new FakeWebContents('app://returndesk/index.html');
    s.bridge.trust(other as never);
    s.emit(String(s.ours.id), 'session.changed', { reason: 'locked' });
    expect(s.ours.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'session.changed', {
      reason: 'locked',
    });
    expect(other.send).not.toHaveBeenCalled();
  });

  it('go to all our windows when the channel is null', () => {
    const other = new FakeWebContents('app://returndesk/index.html');
    s.bridge.trust(other as never);
    s.emit(null, 'sync.status', { x: 1 });
    expect(s.ours.send).toHaveBeenCalledWith('returndesk:event', 'sync.status', { x: 1 });
    expect(other.send).toHaveBeenCalledWith('returndesk:event', 'sync.status', { x: 1 });
  });

  it('are not sent to a window showing a foreign page, to unknown channels, or with unknown names', () => {
    const stranger = new FakeWebContents('app://returndesk/index.html');
    s.emit(String(stranger.id), 'session.changed', { reason: 'locked' });
    s.emit(String(s.ours.id), 'not.an.event', {});
    s.ours.mainFrame = fakeFrame('https://evil.example/');
    s.emit(null, 'session.changed', { reason: 'locked' });
    expect(stranger.send).not.toHaveBeenCalled();
    expect(s.ours.send).not.toHaveBeenCalled();
  });
});
