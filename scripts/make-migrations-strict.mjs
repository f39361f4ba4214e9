// drizzle-kit cannot emit SQLite STRICT tables, so after `drizzle-kit generate` this marks
// every CREATE TABLE in the migrations as STRICT (column types are then enforced, as Signal
// Desktop does). Idempotent; run by `npm run db:generate`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'db', 'migrations');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const path = join(dir, file);
  const original = readFileSync(path, 'utf8');
  const statements = original.split('--> statement-breakpoint');
  const strict = statements.map((statement) =>
    /^\s*CREATE TABLE/i.test(statement) && !/\)\s*STRICT;\s*$/i.test(statement)
      ? statement.replace(/\n\);(\s*)$/, '\n) STRICT;$1')
      : statement,
  );
  const updated = strict.join('--> statement-breakpoint');
  if (updated !== original) {
    writeFileSync(path, updated);
    console.log(`made tables STRICT in ${file}`);
  }
}
