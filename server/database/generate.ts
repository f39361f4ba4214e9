// `npm run server:db:generate -- --name <what>`: drizzle-kit's migration from
// server/database/schema (PostgreSQL dialect), then formatted like the rest of the repository.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
execFileSync(
  bin('drizzle-kit'),
  ['generate', '--config', 'server/drizzle.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
execFileSync(bin('prettier'), ['--write', '--log-level', 'warn', 'server/database/migrations'], {
  cwd: root,
  stdio: 'inherit',
});
