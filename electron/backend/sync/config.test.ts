import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncOptionsFromEnv } from './config';

describe('sync settings from the environment', () => {
  it('reads the back office, the enrolment code and the interval', () => {
    expect(
      syncOptionsFromEnv({
        RETURNDESK_BACKOFFICE_URL: 'https://backoffice.example.com/',
        RETURNDESK_ENROLLMENT_CODE: ' ABCD-1234 ',
        RETURNDESK_SYNC_INTERVAL_MS: '10000',
      }),
    ).toEqual({
      backOfficeUrl: 'https://backoffice.example.com/',
      enrollmentCode: 'ABCD-1234',
      intervalMs: 10_000,
    });
  });

  it('leaves sync off when nothing is set', () => {
    expect(syncOptionsFromEnv({})).toEqual({});
  });

  it('stops the start on a wrong value instead of syncing nowhere', () => {
    expect(() => syncOptionsFromEnv({ RETURNDESK_BACKOFFICE_URL: 'backoffice:8080' })).toThrow(
      /not an http\(s\) address/,
    );
    expect(() => syncOptionsFromEnv({ RETURNDESK_SYNC_INTERVAL_MS: '5s' })).toThrow(/at least 500/);
  });

  it('reads the code from a file once a back office beside the desktop has written it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'returndesk-code-'));
    try {
      const file = join(dir, 'enrollment-code');
      const options = syncOptionsFromEnv({
        RETURNDESK_BACKOFFICE_URL: 'http://127.0.0.1:4350',
        RETURNDESK_ENROLLMENT_CODE_FILE: file,
      });
      const code = options.enrollmentCode as () => Promise<string | null>;
      await expect(code()).resolves.toBeNull();
      writeFileSync(file, 'K7QM-3XR9-HT2P\n');
      await expect(code()).resolves.toBe('K7QM-3XR9-HT2P');
      // A code given outright wins over the file.
      expect(
        syncOptionsFromEnv({
          RETURNDESK_ENROLLMENT_CODE: 'ABCD-1234',
          RETURNDESK_ENROLLMENT_CODE_FILE: file,
        }).enrollmentCode,
      ).toBe('ABCD-1234');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats `none` as working alone', () => {
    expect(syncOptionsFromEnv({ RETURNDESK_BACKOFFICE_URL: 'none' })).toEqual({});
  });
});
