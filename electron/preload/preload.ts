/**
 * Sandboxed preload, bundled (zod and the contracts included) to dist/electron/preload.cjs:
 * in a sandbox it can require only `electron` and a few polyfills. It exposes exactly
 * `window.returnDesk = { call, on }` and never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

export const BRIDGE_GLOBAL = 'returnDesk';

const bridge = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, {
  call: (name: string, input: unknown) => bridge.call(name, input),
  on: (event: Parameters<typeof bridge.on>[0], cb: (payload: unknown) => void) =>
    bridge.on(event, cb),
});
