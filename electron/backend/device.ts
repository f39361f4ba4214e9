import { regionById, localDevice, storeById } from '../../db/repositories/directory';
import type { Db } from '../../db/client';
import type { DeviceContext } from './context';

/** This desktop as enrolled: refuses to run without an enrolment (there is nothing to scope by). */
export function loadDeviceContext(db: Db): DeviceContext {
  const device = localDevice(db);
  const store = device && storeById(db, device.storeId);
  const region = store && regionById(db, store.regionId);
  if (!device || !store || !region) {
    throw new Error(
      'This desktop is not enrolled at a store yet (no local device in the database).',
    );
  }
  return {
    id: device.id,
    code: device.code,
    storeId: store.id,
    storeCode: store.code,
    storeName: store.name,
    regionId: region.id,
    timeZone: store.timeZone,
    marketplaces: JSON.parse(region.marketplaces) as string[],
  };
}
