import type { Bridge } from '../../shared/contracts/bridge';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in browser mode. */
    returnDesk?: Bridge;
  }
}

export function isBridge(value: unknown): value is Bridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bridge).call === 'function' &&
    typeof (value as Bridge).on === 'function'
  );
}

/** The preload's bridge, if this page runs inside the Electron app. */
export function electronBridge(win: Pick<Window, 'returnDesk'>): Bridge | null {
  return isBridge(win.returnDesk) ? win.returnDesk : null;
}
