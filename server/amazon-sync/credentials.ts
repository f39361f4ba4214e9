import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../database/client';
import { amazonCredentials } from '../database/schema';

/**
 * The seller account's LWA credentials, kept in `amazon_credentials` with the client secret and
 * refresh token sealed by AES-256-GCM under the server key. Never sent to a desktop, never sent
 * back: the admin sees only whether they are set and the client id's ends.
 */

export const SECRET_KEY_ENV = 'RETURNDESK_SERVER_SECRET_KEY';
export const SECRET_KEY_FILE = 'server-secret.key';

/**
 * The server key: `RETURNDESK_SERVER_SECRET_KEY` (32 bytes as base64 or 64 hex digits), else
 * `<dataDir>/server-secret.key`, made (random, mode 0600) the first time it is needed.
 */
export function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[SECRET_KEY_ENV]?.trim();
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv)
      ? Buffer.from(fromEnv, 'hex')
      : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error(`${SECRET_KEY_ENV} must be 32 bytes (base64 or hex)`);
    return key;
  }
  const file = join(dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function open(key: Buffer, box: string): string {
  const raw = Buffer.from(box, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export interface SellerAccountInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  region: 'na' | 'eu' | 'fe';
}

export interface SellerAccountStatus {
  connected: boolean;
  /** e.g. `amzn1…9xyz`: never the whole id. */
  clientIdHint: string | null;
  refreshTokenSet: boolean;
  sellerId: string | null;
  region: string | null;
  updatedAt: string | null;
}

export function clientIdHint(clientId: string): string {
  return clientId.length <= 10
    ? `…${clientId.slice(-4)}`
    : `${clientId.slice(0, 5)}…${clientId.slice(-4)}`;
}

export async function saveSellerAccount(
  db: Db,
  key: Buffer,
  input: SellerAccountInput,
  updatedBy: string,
  now: Date,
): Promise<SellerAccountStatus> {
  const values = {
    clientId: input.clientId,
    secretBox: seal(
      key,
      JSON.stringify({ clientSecret: input.clientSecret, refreshToken: input.refreshToken }),
    ),
    sellerId: input.sellerId,
    region: input.region,
    updatedBy,
    updatedAt: now,
  };
  await db
    .insert(amazonCredentials)
    .values({ id: 'default', ...values })
    .onConflictDoUpdate({ target: amazonCredentials.id, set: values });
  return sellerAccountStatus(db);
}

export async function sellerAccountStatus(db: Db): Promise<SellerAccountStatus> {
  const [row] = await db
    .select()
    .from(amazonCredentials)
    .where(eq(amazonCredentials.id, 'default'));
  if (!row)
    return {
      connected: false,
      clientIdHint: null,
      refreshTokenSet: false,
      sellerId: null,
      region: null,
      updatedAt: null,
    };
  return {
    connected: true,
    clientIdHint: clientIdHint(row.clientId),
    refreshTokenSet: row.secretBox.length > 0,
    sellerId: row.sellerId,
    region: row.region,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The credentials in clear, for the back office's own SP-API client only. */
export async function readSellerAccount(db: Db, key: Buffer): Promise<SellerAccountInput | null> {
  const [row] = await db
    .select()
    .from(amazonCredentials)
    .where(eq(amazonCredentials.id, 'default'));
  if (!row) return null;
  const secrets = JSON.parse(open(key, row.secretBox)) as {
    clientSecret: string;
    refreshToken: string;
  };
  return {
    clientId: row.clientId,
    ...secrets,
    sellerId: row.sellerId ?? '',
    region: row.region as SellerAccountInput['region'],
  };
}
