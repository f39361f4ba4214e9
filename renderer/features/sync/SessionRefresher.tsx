import { useEffect } from 'react';
import { useApi, useSession } from '../../app/context';

/** What the session shows about the signed-in person and this till comes from these. */
const SESSION_TABLES = new Set(['users', 'devices', 'stores', 'regions']);

/**
 * Re-reads the session when the back office changed the person or this till (a new RMA
 * letter, a renamed store, a role): the top bar and the navigation follow without a reload.
 */
export function SessionRefresher() {
  const api = useApi();
  const refresh = useSession((s) => s.refresh);
  useEffect(
    () =>
      api.on('data.changed', ({ tables }) => {
        if (tables.some((table) => SESSION_TABLES.has(table))) void refresh();
      }),
    [api, refresh],
  );
  return null;
}
