import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { BackendSyncOptions } from '../types';

const Url = z.url({ protocol: /^https?$/ });

/**
 * Sync settings from the environment, read by both entry points (Electron and browser mode):
 * `RETURNDESK_BACKOFFICE_URL`, `RETURNDESK_ENROLLMENT_CODE`, `RETURNDESK_SYNC_INTERVAL_MS`. A
 * value that is set but wrong stops the start with a message, rather than sync silently off.
 */
export function syncOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Pick<BackendSyncOptions, 'backOfficeUrl' | 'enrollmentCode' | 'intervalMs'> {
  const options: Pick<BackendSyncOptions, 'backOfficeUrl' | 'enrollmentCode' | 'intervalMs'> = {};
  const url = env.RETURNDESK_BACKOFFICE_URL?.trim();
  // `none`: this desktop works on its own (no back office is started or contacted).
  if (url && url !== 'none') {
    if (!Url.safeParse(url).success)
      throw new Error(`RETURNDESK_BACKOFFICE_URL=${url} is not an http(s) address.`);
    options.backOfficeUrl = url;
  }
  const code = env.RETURNDESK_ENROLLMENT_CODE?.trim();
  if (code) options.enrollmentCode = code;
  // A back office starting beside the desktop writes its one-time code here once it is up.
  const codeFile = env.RETURNDESK_ENROLLMENT_CODE_FILE?.trim();
  if (!code && codeFile) {
    options.enrollmentCode = () =>
      readFile(codeFile, 'utf8').then(
        (text) => text.trim() || null,
        () => null,
      );
  }
  const interval = env.RETURNDESK_SYNC_INTERVAL_MS?.trim();
  if (interval) {
    const ms = Number(interval);
    if (!Number.isInteger(ms) || ms < 500)
      throw new Error(
        `RETURNDESK_SYNC_INTERVAL_MS=${interval} must be a whole number of at least 500.`,
      );
    options.intervalMs = ms;
  }
  return options;
}
