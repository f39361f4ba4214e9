/**
 * The device token at rest in the desktop app: encrypted with the OS secret store (Keychain,
 * DPAPI, libsecret/kwallet) through Electron's safeStorage, in a 0600 file. The backend only
 * sees the DeviceCredentialStore interface. Call after app `ready` (Linux needs it).
 */
import { safeStorage } from 'electron';
import {
  encryptedCredentialStore,
  fileCredentialStore,
  type DeviceCredentialStore,
  type SecretCipher,
} from '../backend/sync/credentials';

type Log = (line: Record<string, unknown>) => void;

export function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}

/**
 * Where no OS secret store is available (a Linux session without a keyring) the token falls
 * back to the same 0600 file browser mode uses, and the log says so.
 */
export function createDeviceCredentialStore(dataDir: string, log: Log): DeviceCredentialStore {
  const cipher = safeStorageCipher();
  if (cipher) return encryptedCredentialStore(dataDir, cipher);
  log({
    level: 'warn',
    msg: 'secret.storage.unavailable',
    detail: 'no OS secret store: the device token is kept in a file only this user may read',
  });
  return fileCredentialStore(dataDir);
}
