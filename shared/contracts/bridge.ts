import type { Envelope } from './errors';
import type { EventName } from './events';

/**
 * What carries calls between the renderer and the backend: the Electron preload
 * (`window.returnDesk`) or browser mode's HTTP client. The renderer never knows which.
 */
export interface Bridge {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: EventName, cb: (payload: unknown) => void): () => void;
}

/** IPC channel names shared by the main process and the preload. */
export const IPC_CALL_CHANNEL = 'returndesk:call';
export const IPC_EVENT_CHANNEL = 'returndesk:event';

/** Browser mode's HTTP surface (electron/web); the renderer's HTTP bridge speaks it. */
export const HTTP_CALL_PATH = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'authorization';
export const HTTP_CLIENT_HEADER = 'x-returndesk-client';
