import type { Bridge } from '../../shared/contracts/bridge';
import { electronBridge } from './electronBridge';
import { createHttpBridge } from './httpBridge';

export { createApi, type Api, type CallErrorListener } from './client';
export { createHttpBridge, type HttpBridge, type HttpBridgeEnv } from './httpBridge';
export { electronBridge, isBridge } from './electronBridge';

/** Electron's preload bridge when there is one, otherwise browser mode's HTTP bridge. */
export function chooseBridge(win: Window = window): Bridge {
  return electronBridge(win) ?? createHttpBridge();
}
