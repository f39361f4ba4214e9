import type {
  AppErrorBody,
  CallInput,
  CallName,
  CallOutput,
  Envelope,
  EventName,
  EventPayload,
} from '../../shared/contracts';
import type { Bridge } from '../../shared/contracts/bridge';
import { internalError, isEnvelope } from './envelope';

export type CallErrorListener = (name: CallName, error: AppErrorBody) => void;

/** The typed face of a bridge. The rest of the UI only ever sees this. */
export interface Api {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** Hears every failed call (the app uses it to show the lock screen on SESSION_LOCKED). */
  onCallError(listener: CallErrorListener): () => void;
}

export function createApi(bridge: Bridge): Api {
  const errorListeners = new Set<CallErrorListener>();

  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>> {
      let envelope: Envelope<CallOutput<N>>;
      try {
        const answer = await bridge.call(name, input);
        envelope = isEnvelope(answer)
          ? (answer as Envelope<CallOutput<N>>)
          : internalError(`malformed answer to ${name}`);
      } catch (err) {
        // A bridge should never throw; if one does, it is still just a failed call.
        envelope = internalError(err instanceof Error ? err.message : String(err));
      }
      if (!envelope.ok) {
        for (const listener of errorListeners) {
          try {
            listener(name, envelope.error);
          } catch {
            // A listener's bug must not change the answer.
          }
        }
      }
      return envelope;
    },

    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, (payload) => cb(payload as EventPayload<E>));
    },

    onCallError(listener: CallErrorListener): () => void {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
  };
}
