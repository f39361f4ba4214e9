// `npm run db:reset`: deletes this desktop's local database (and its backups) so the next
// start seeds a fresh demo chain. Asks nothing: it is for demo and development machines.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupDir } from '../db/open';
import { DATABASE_FILE } from '../electron/backend/backend';
import { defaultDataDir } from '../electron/backend/data-dir';

const file = join(defaultDataDir(), DATABASE_FILE);
if (!existsSync(file)) {
  console.log(`No database at ${file}; nothing to reset.`);
} else {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  rmSync(backupDir(file), { recursive: true, force: true });
  console.log(`Removed ${file}. The next start seeds the demo data again.`);
}
