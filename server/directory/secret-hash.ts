import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';

/**
 * PIN and password hashes for the users the back office hands to desktops, in the format the
 * desktop verifies (electron/backend/auth/password.ts): `scrypt$N$r$p$salt$hash`, base64,
 * secret NFKC-normalised. The desktop reads N, r and p from the string, so the back office may
 * choose its own cost: N = 2^14 keeps seeding 21 demo users quick; r, p, salt and key length
 * are the desktop's.
 */
export const SERVER_SCRYPT_PARAMS = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAXMEM = 64 * 1024 * 1024;

function scrypt(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashUserSecret(
  secret: string,
  params: { N: number; r: number; p: number } = SERVER_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(secret, salt, { ...params, maxmem: MAXMEM });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** What a pushed users row must carry: a self-describing scrypt hash, nothing else. */
export const SCRYPT_HASH_FORMAT =
  /^scrypt\$\d{1,8}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;
