import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_NAMES, isCallName, type Envelope } from '../../shared/contracts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contracts/bridge';
import type { Backend } from '../backend/types';
import { APP_ORIGIN, isAppUrl } from './origin';

type Log = (line: Record<string, unknown>) => void;

export const FORBIDDEN_SENDER: Envelope<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', message: 'untrusted sender' }),
}) as Envelope<never>;

/**
 * Why a message must be refused, or null when its sender is trusted: the sending frame exists,
 * belongs to one of our windows, is that window's main frame (not a subframe) and shows a page
 * of our own `app://returndesk` origin.
 */
export function senderProblem(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  isOurs: (contents: WebContents) => boolean,
): string | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return 'no sender frame';
    if (!isOurs(event.sender)) return 'not one of our windows';
    const main = event.sender.mainFrame;
    if (frame.parent !== null || !main || frame.frameTreeNodeId !== main.frameTreeNodeId) {
      return 'not the main frame';
    }
    if (!isAppUrl(frame.url)) return 'foreign url';
    // Chromium's own view of the frame's origin; for our standard scheme it is "app://returndesk".
    if (frame.origin && frame.origin !== APP_ORIGIN) return 'foreign origin';
    return null;
  } catch {
    // A frame disposed mid-check throws on property access.
    return 'sender frame unavailable';
  }
}

function frameUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | undefined {
  try {
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

export interface IpcBridge {
  /** Trust a window we created; its messages reach the backend on channel String(id). */
  trust(contents: WebContents): void;
  dispose(): void;
}

/**
 * `returndesk:call` → backend.dispatch, backend events → `returndesk:event`. Every call's
 * sender is checked (senderProblem); the backend never sees an untrusted message.
 */
export function bridgeIpc(backend: Backend, log: Log = () => {}): IpcBridge {
  const windows = new Map<string, WebContents>();
  const isOurs = (contents: WebContents): boolean => windows.get(String(contents.id)) === contents;

  ipcMain.handle(
    IPC_CALL_CHANNEL,
    async (
      event: IpcMainInvokeEvent,
      name: unknown,
      input: unknown,
    ): Promise<Envelope<unknown>> => {
      const problem = senderProblem(event, isOurs);
      if (problem !== null) {
        log({
          level: 'warn',
          msg: 'ipc.forbidden',
          reason: problem,
          url: frameUrl(event),
          call: typeof name === 'string' ? name.slice(0, 100) : typeof name,
        });
        return FORBIDDEN_SENDER;
      }
      if (typeof name !== 'string' || !isCallName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: 'unknown call' } };
      }
      try {
        return await backend.dispatch(String(event.sender.id), name, input);
      } catch (err) {
        // The backend answers with envelopes; a throw is a bug, not something to leak.
        log({ level: 'error', msg: 'ipc.dispatch.threw', call: name, error: String(err) });
        return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
      }
    },
  );

  const send = (contents: WebContents, event: string, payload: unknown): void => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(IPC_EVENT_CHANNEL, event, payload);
  };
  const stopEvents = backend.onEvent((channel, event, payload) => {
    if (!EVENT_NAMES.includes(event)) return;
    if (channel === null) {
      for (const contents of windows.values()) send(contents, event, payload);
    } else {
      const contents = windows.get(channel);
      if (contents) send(contents, event, payload);
    }
  });

  return {
    trust(contents) {
      const channel = String(contents.id);
      if (windows.get(channel) === contents) return;
      windows.set(channel, contents);
      contents.once('destroyed', () => {
        windows.delete(channel);
        backend.dropChannel(channel);
      });
    },
    dispose() {
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      stopEvents();
      windows.clear();
    },
  };
}
