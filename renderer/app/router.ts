import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Which screen of the signed-in shell is showing. UI state only (no data): each screen
 * fetches what it shows. No URL routing: the hash carries browser mode's token, and a till
 * has no address bar.
 */
export type Route =
  | { name: 'home' }
  /** Find an order and take a return. `scan`: a code to look up at once (a barcode scan). */
  | { name: 'returns'; scan?: { code: string; nonce: number } }
  /** One return. `notice`: something to tell the clerk on arrival (e.g. a photo that failed). */
  | { name: 'return'; returnId: string; notice?: RouteNotice }
  | { name: 'approvals' }
  /** This till's printers and its print queue. */
  | { name: 'printers' }
  /** Sync with the back office: status, enrolment, refused changes. */
  | { name: 'sync' };

export type RouteName = Route['name'];

export interface RouteNotice {
  kind: 'photosFailed';
  count: number;
}

export interface RouterState {
  route: Route;
}

export interface RouterActions {
  go(route: Route): void;
  /** A scanned code: open the returns screen and look it up. */
  scan(code: string): void;
  reset(): void;
}

export type RouterStore = StoreApi<RouterState & RouterActions>;

export function createRouterStore(): RouterStore {
  let nonce = 0;
  return createStore<RouterState & RouterActions>()((set) => ({
    route: { name: 'home' },
    go(route) {
      set({ route });
    },
    scan(code) {
      nonce += 1;
      set({ route: { name: 'returns', scan: { code, nonce } } });
    },
    reset() {
      set({ route: { name: 'home' } });
    },
  }));
}
