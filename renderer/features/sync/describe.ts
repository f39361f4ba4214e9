import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../shared/contracts';
import { formatRelative } from '../../lib/format';

/** The words for a sync failure or rejection code; the back office's own message otherwise. */
export function describeSyncCode(t: TFunction, code: string, message: string): string {
  return t(`sync.failure.${code}` as never, { defaultValue: message }) as string;
}

/** The status's last error in one line, with its trace id when there is one. */
export function describeLastError(t: TFunction, status: SyncStatus): string | null {
  const error = status.lastError;
  if (!error) return null;
  const message = describeSyncCode(t, error.code, error.message);
  return error.traceId
    ? t('sync.lastError', { message, traceId: error.traceId })
    : t('sync.lastErrorNoTrace', { message });
}

export function describeLastSynced(
  t: TFunction,
  status: SyncStatus,
  locale: string,
  nowMs: number,
): string {
  return status.lastSyncedAt
    ? t('sync.lastSynced', { time: formatRelative(status.lastSyncedAt, locale, nowMs) })
    : t('sync.neverSynced');
}

/** The state in words. */
export function describeBackOffice(t: TFunction, status: SyncStatus): string {
  switch (status.backOffice) {
    case 'not_configured':
      return t('sync.notConfigured');
    case 'not_enrolled':
      return t('sync.notEnrolled');
    case 'online':
      return t('sync.online');
    case 'offline':
      return t('sync.offline');
    case 'revoked':
      return t('sync.revoked');
  }
}
