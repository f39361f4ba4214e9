import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** What enrolment gives this desktop: the token the back office knows it by. */
export const DeviceCredentialsSchema = z.object({
  deviceId: z.uuid(),
  /** `deviceId.secret`; the back office keeps only its hash. */
  token: z.string().min(20),
  backOfficeUrl: z.url({ protocol: /^https?$/ }),
});
export type DeviceCredentials = z.infer<typeof DeviceCredentialsSchema>;

/**
 * Where the device token is kept. The backend only knows this interface: browser mode and Node
 * use a file only this OS user can read; Electron encrypts it with the OS secret store first
 * (electron/main/secret-storage.ts).
 */
export interface DeviceCredentialStore {
  read(): Promise<DeviceCredentials | null>;
  write(credentials: DeviceCredentials): Promise<void>;
  clear(): Promise<void>;
}

/** Encrypts and decrypts with a key this code never sees (Electron's safeStorage). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** The credentials file is unusable: readable by others, or not what we wrote. */
export class CredentialsFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialsFileError';
  }
}

export const CREDENTIALS_FILE = 'device-credentials.json';
export const ENCRYPTED_CREDENTIALS_FILE = 'device-credentials.bin';

/** Browser mode and plain Node: `<dataDir>/device-credentials.json`, mode 0600. */
export function fileCredentialStore(dataDir: string): DeviceCredentialStore {
  return credentialFile(join(dataDir, CREDENTIALS_FILE), {
    encode: (text) => Buffer.from(text, 'utf8'),
    decode: (bytes) => bytes.toString('utf8'),
  });
}

/** Electron: the same file discipline, its content encrypted by the OS secret store. */
export function encryptedCredentialStore(
  dataDir: string,
  cipher: SecretCipher,
): DeviceCredentialStore {
  return credentialFile(join(dataDir, ENCRYPTED_CREDENTIALS_FILE), {
    encode: (text) => cipher.encrypt(text),
    decode: (bytes) => cipher.decrypt(bytes),
  });
}

/** Group or others may read or write it: a token anyone on the computer can copy. */
const SHARED_MODE_BITS = 0o077;

function credentialFile(
  file: string,
  codec: { encode(text: string): Buffer; decode(bytes: Buffer): string },
): DeviceCredentialStore {
  return {
    async read() {
      let mode: number;
      try {
        mode = (await stat(file)).mode;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      // Windows has no such mode bits (ACLs instead): the user profile folder protects it.
      if (process.platform !== 'win32' && (mode & SHARED_MODE_BITS) !== 0) {
        throw new CredentialsFileError(
          file,
          `${file} may be read by other users (mode ${(mode & 0o777).toString(8)}); it must be 600. ` +
            'The device token in it should be treated as leaked: revoke this device at the back office and enrol it again.',
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(codec.decode(await readFile(file)));
      } catch (error) {
        throw new CredentialsFileError(file, `${file} cannot be read: ${(error as Error).message}`);
      }
      const credentials = DeviceCredentialsSchema.safeParse(parsed);
      if (!credentials.success)
        throw new CredentialsFileError(file, `${file} does not hold device credentials.`);
      return credentials.data;
    },

    async write(credentials) {
      const bytes = codec.encode(JSON.stringify(DeviceCredentialsSchema.parse(credentials)));
      // Written whole to a private temporary file, flushed, then renamed over the old one: a
      // crash leaves either the old credentials or the new, never half a token.
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.chmod(0o600); // whatever the umask
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await handle.close();
      await rename(temporary, file);
    },

    async clear() {
      await rm(file, { force: true });
    },
  };
}
