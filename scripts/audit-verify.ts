// `npm run audit:verify`: checks this desktop's audit chain and names the first broken link.
// Reads the database read-only; run it with the app open or closed.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { wrapClient } from '../db/client';
import { verifyAuditChain } from '../db/repositories/audit';
import { DATABASE_FILE } from '../electron/backend/backend';
import { defaultDataDir } from '../electron/backend/data-dir';

const file = join(defaultDataDir(), DATABASE_FILE);
const client = new Database(file, { readonly: true, fileMustExist: true });
const report = verifyAuditChain(wrapClient(client));
client.close();
if (report.intact) {
  console.log(`Audit chain intact: ${report.checked} events checked in ${file}`);
} else {
  const broken = report.firstBroken!;
  console.error(
    `Audit chain BROKEN at event seq ${broken.seq} (id ${broken.id}): ${broken.reason.replace('_', ' ')}.`,
  );
  process.exit(1);
}
