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
});
