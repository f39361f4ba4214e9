import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, SyncStatus } from '../../../shared/contracts';
import { useApi } from '../../app/context';
import { isUnreachable } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';

/**
 * No polling: a timer's calls would look like activity to the backend's idle lock. The
 * backend pushes `sync.status` events; the badge re-reads when the window regains focus or
 * the network comes back, in case an event was missed meanwhile.
 */
const RELOAD_ON = ['focus', 'online'] as const;

type Tone = 'local' | 'online' | 'offline' | 'unknown';

export function SyncBadge({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const answer = await api.call('sync.status', {});
      if (cancelled) return;
      if (answer.ok) {
        setStatus(answer.data);
        setError(null);
      } else {
        setError(answer.error);
      }
    };
    void load();
    const off = api.on('sync.status', (payload) => {
      setStatus(payload);
      setError(null);
    });
    const reload = () => void load();
    for (const name of RELOAD_ON) window.addEventListener(name, reload);
    return () => {
      cancelled = true;
      off();
      for (const name of RELOAD_ON) window.removeEventListener(name, reload);
    };
  }, [api]);

  let tone: Tone = 'unknown';
  let headline: string = t('sync.unknown');
  const lines: string[] = [];
  if (error && isUnreachable(error)) {
    tone = 'offline';
    headline = t('errorDetail.unreachable');
  } else if (status) {
    const pending = t('sync.pending', { count: status.pendingMutations });
    if (status.backOffice === 'not_configured') {
      tone = 'local';
      headline = t('sync.notConfigured');
      lines.push(pending);
    } else {
      tone = status.backOffice;
      headline = status.backOffice === 'online' ? t('sync.online') : t('sync.offline');
      lines.push(pending);
      lines.push(
        status.lastSyncedAt
          ? t('sync.lastSynced', {
              time: formatDateTime(status.lastSyncedAt, i18n.language, timeZone),
            })
          : t('sync.neverSynced'),
      );
    }
    if (status.lastError) {
      lines.push(
        t('sync.lastError', {
          message: status.lastError.message,
          traceId: status.lastError.traceId,
        }),
      );
    }
  }

  return (
    <div
      className={`sync-badge sync-badge--${tone}`}
      data-testid="sync-status"
      data-state={status?.backOffice ?? 'unknown'}
      role="status"
      aria-label={t('sync.label')}
      title={[headline, ...lines].join('\n')}
    >
      <span className="sync-badge__dot" aria-hidden="true" />
      <span className="sync-badge__text">
        <span className="sync-badge__headline">{headline}</span>
        {lines.length > 0 && <span className="sync-badge__detail">{lines[0]}</span>}
      </span>
    </div>
  );
}
