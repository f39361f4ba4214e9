import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../database/client';

/**
 * A digest of every table's content, to prove a refused request changed nothing. The
 * bookkeeping of processed mutations can be left out where a refusal is recorded on purpose.
 */
export async function fingerprint(db: Db, exclude: string[] = []): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (exclude.includes(name)) continue;
    const [row] = await queryRows<{ digest: string | null; n: number }>(
      db,
      sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n
          from ${sql.identifier(name)} t`,
    );
    result[name] = `${row?.n}:${row?.digest}`;
  }
  return result;
}

/** The tables a rejected (but recorded) mutation is allowed to touch. */
export const MUTATION_BOOKKEEPING = [
  'sync_mutations',
  'sync_clients',
  'sync_batches',
  'devices',
  'device_chain_heads',
];
