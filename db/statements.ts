import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection. Hot paths at the till (finding an
 * order) use plain SQL through this instead of building a query each call.
 */
export function statement(client: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = client.prepare(sql)));
  return prepared;
}

const preparedQueries = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle prepared query, built once per database: drizzle rebuilds the SQL of an ad-hoc
 * query on every call, which costs more than SQLite's own lookup on the hot paths.
 */
export function preparedQuery<T>(db: object, key: string, build: () => T): T {
  let cache = preparedQueries.get(db);
  if (!cache) preparedQueries.set(db, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}
