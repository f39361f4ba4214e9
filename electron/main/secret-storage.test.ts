import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/testing/temp-dir';
import { CREDENTIALS_FILE, ENCRYPTED_CREDENTIALS_FILE } from '../backend/sync/credentials';
import * as fakes from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const CREDENTIALS = {
  deviceId: '0190a000-0000-7000-8000-00000000d001',
  token: '0190a000-0000-7000-8000-00000000d001.s3cr3t-s3cr3t-s3cr3t',
  backOfficeUrl: 'https://backoffice.example.com',
};

describe('the device token in the desktop app', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    fakes.resetFakes();
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  it('is encrypted with the OS secret store (safeStorage) before it reaches the disk', async () => {
    const { createDeviceCredentialStore } = await import('./secret-storage');
    const log = vi.fn();
    const store = createDeviceCredentialStore(dir, log);
    await store.write(CREDENTIALS);
    expect(fakes.safeStorage.encryptString).toHaveBeenCalledWith(JSON.stringify(CREDENTIALS));
    const file = join(dir, ENCRYPTED_CREDENTIALS_FILE);
    expect(readFileSync(file).toString()).toMatch(/^fake-os-encrypted:/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toEqual(CREDENTIALS);
    expect(fakes.safeStorage.decryptString).toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('falls back to the 0600 file where no secret store is available, and logs it', async () => {
    fakes.safeStorage.available = false;
    const { createDeviceCredentialStore } = await import('./secret-storage');
    const log = vi.fn();
    const store = createDeviceCredentialStore(dir, log);
    await store.write(CREDENTIALS);
    expect(fakes.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(JSON.parse(readFileSync(join(dir, CREDENTIALS_FILE), 'utf8'))).toEqual(CREDENTIALS);
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ level: 'warn', msg: 'secret.storage.unavailable' }),
    );
  });
});
