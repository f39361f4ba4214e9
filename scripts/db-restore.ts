// `npm run db:restore`: puts back the copy of the database taken before the last upgrade.
// Quit ReturnDesk first.
import { join } from 'node:path';
import { restoreLatestBackup } from '../db/open';
import { DATABASE_FILE } from '../electron/backend/backend';
import { defaultDataDir } from '../electron/backend/data-dir';

const file = join(defaultDataDir(), DATABASE_FILE);
try {
  const from = restoreLatestBackup(file);
  console.log(`Restored ${file} from ${from}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
