import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../db/testing/temp-dir';
import {
  CREDENTIALS_FILE,
  CredentialsFileError,
  ENCRYPTED_CREDENTIALS_FILE,
  encryptedCredentialStore,
  fileCredentialStore,
  type SecretCipher,
} from './credentials';

const CREDENTIALS = {
  deviceId: '0190a000-0000-7000-8000-00000000d001',
  token: '0190a000-0000-7000-8000-00000000d001.s3cr3t-s3cr3t-s3cr3t',
  backOfficeUrl: 'https://backoffice.example.com',
};

/** AES-256-GCM with a key held in memory: the role Electron's safeStorage plays. */
function memoryCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString();
    },
  };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('device credentials on disk', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes the token to a file only this user may read (0600), whole, and reads it back', async () => {
    const store = fileCredentialStore(dir);
    expect(await store.read()).toBeNull();
    await store.write(CREDENTIALS);
    const file = join(dir, CREDENTIALS_FILE);
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(CREDENTIALS);
    expect(await store.read()).toEqual(CREDENTIALS);
    // Written beside and renamed: no temporary file stays behind.
    expect(readdirSync(dir)).toEqual([CREDENTIALS_FILE]);

    await store.write({ ...CREDENTIALS, token: `${CREDENTIALS.deviceId}.another-secret-value` });
    expect((await store.read())?.token).toMatch(/another-secret-value$/);
    expect(mode(file)).toBe(0o600);
    await store.clear();
    expect(await store.read()).toBeNull();
  });

  it.each([0o644, 0o640, 0o604])('refuses a file with mode %s', async (loose) => {
    const store = fileCredentialStore(dir);
    await store.write(CREDENTIALS);
    chmodSync(join(dir, CREDENTIALS_FILE), loose);
    await expect(store.read()).rejects.toThrow(CredentialsFileError);
    await expect(store.read()).rejects.toThrow(/must be 600/);
  });

  it('refuses a file that does not hold credentials', async () => {
    writeFileSync(join(dir, CREDENTIALS_FILE), '{"token":"short"}', { mode: 0o600 });
    await expect(fileCredentialStore(dir).read()).rejects.toThrow(
      /does not hold device credentials/,
    );
  });

  it('encrypts with the platform cipher: the token never appears on disk', async () => {
    const store = encryptedCredentialStore(dir, memoryCipher());
    await store.write(CREDENTIALS);
    const file = join(dir, ENCRYPTED_CREDENTIALS_FILE);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from('s3cr3t'))).toBe(false);
    expect(await store.read()).toEqual(CREDENTIALS);
    // Another key (another OS user's keychain) cannot read it.
    await expect(encryptedCredentialStore(dir, memoryCipher()).read()).rejects.toThrow(
      CredentialsFileError,
    );
  });
});
