import { CALL_NAMES, EVENT_NAMES, type Envelope, type EventName } from '../../shared/contracts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Bridge } from '../../shared/contracts/bridge';

/** The part of ipcRenderer the bridge uses; it never leaves the preload. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const CALLS: ReadonlySet<string> = new Set<string>(CALL_NAMES);
const EVENTS: ReadonlySet<string> = new Set<string>(EVENT_NAMES);

/**
 * `window.returnDesk`: `call` for names in the contracts only (others are answered with
 * UNKNOWN_CALL without reaching the main process), `on` for known events only. Listeners get
 * the payload, never the IPC event object.
 */
export function createBridge(ipc: BridgeIpc): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipc.on(IPC_EVENT_CHANNEL, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    for (const cb of [...(listeners.get(name) ?? [])]) {
      try {
        cb(payload);
      } catch (err) {
        console.error(`returnDesk: listener for ${name} threw`, err);
      }
    }
  });

  return {
    call(name: string, input: unknown): Promise<Envelope<unknown>> {
      if (typeof name !== 'string' || !CALLS.has(name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CALL', message: `unknown call: ${String(name).slice(0, 100)}` },
        });
      }
      return ipc.invoke(IPC_CALL_CHANNEL, name, input).then(
        (reply) => reply as Envelope<unknown>,
        () => ({ ok: false, error: { code: 'INTERNAL', message: 'the call did not complete' } }),
      );
    },
    on(event: EventName, cb: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !EVENTS.has(event)) {
        throw new TypeError(`returnDesk.on: unknown event ${String(event).slice(0, 100)}`);
      }
      if (typeof cb !== 'function')
        throw new TypeError('returnDesk.on: callback must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const registered = set;
      registered.add(cb);
      return () => {
        registered.delete(cb);
      };
    },
  };
}
