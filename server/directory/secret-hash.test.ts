import { describe, expect, it } from 'vitest';
import { verifySecret } from '../../electron/backend/auth/password';
import { SCRYPT_HASH_FORMAT, hashUserSecret } from './secret-hash';

describe('the back office’s PIN hashes', () => {
  it('verify at the desktop, which reads the cost from the hash', async () => {
    const hash = await hashUserSecret('1357');
    expect(hash).toMatch(SCRYPT_HASH_FORMAT);
    expect(hash.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifySecret('1357', hash)).toBe(true);
    expect(await verifySecret('1358', hash)).toBe(false);
  });
});
