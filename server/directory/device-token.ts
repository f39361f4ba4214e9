import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A device's credential is `deviceId.secret`: the id says which hash to compare against, the
 * secret (32 random bytes, base64url) is shown once at enrollment; the back office keeps only
 * its sha256. A fast hash is right here: the secret has 256 bits, there is nothing to guess.
 */
const SECRET_BYTES = 32;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newDeviceToken(deviceId: string): { token: string; secretHash: string } {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { token: `${deviceId}.${secret}`, secretHash: sha256Hex(secret) };
}

export function parseDeviceToken(token: string): { deviceId: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return { deviceId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** Constant-time: how much of a hash matched must not show in the response time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(sha256Hex(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
