import { scopeCovers } from '../../shared/domain/permissions';
import type { Db } from '../database/client';
import { HttpProblem } from '../http/errors';
import { storeRegionMap, userById } from './lookup';
import { reachCovers, type Reach } from './scope';

/**
 * Admin actions come from an enrolled desktop on behalf of a user signed in there. The back
 * office cannot see that sign-in, so it checks what it can: the user is an active admin in its
 * own directory whose scope covers the store, and the desktop asking reaches that store.
 */
export async function requireAdminFor(
  db: Db,
  reach: Reach,
  actingUserId: string,
  storeId: string,
): Promise<void> {
  const user = await userById(db, actingUserId);
  if (!user || !user.active || user.role !== 'admin') {
    throw new HttpProblem('FORBIDDEN', 'Only an active admin may do this.');
  }
  const regions = await storeRegionMap(db);
  if (!regions.has(storeId)) throw new HttpProblem('NOT_FOUND', 'No such store.');
  if (!scopeCovers(user.scope, { storeId }, (id) => regions.get(id))) {
    throw new HttpProblem('FORBIDDEN', 'This admin is not responsible for that store.');
  }
  if (!reachCovers(reach, { storeId })) {
    throw new HttpProblem('FORBIDDEN', 'This desktop does not reach that store.');
  }
}
