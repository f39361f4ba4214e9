// `npm run db:generate -- --name <what>`: drizzle-kit's migration, then STRICT tables.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const kit = join(root, 'node_modules', '.bin', 'drizzle-kit');
execFileSync(kit, ['generate', '--config', 'db/drizzle.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
execFileSync(process.execPath, [join(root, 'scripts', 'make-migrations-strict.mjs')], {
  stdio: 'inherit',
});
