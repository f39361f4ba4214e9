import { useTranslation } from 'react-i18next';
import { isUnreachable } from '../../components/ErrorNotice';
import { describeBackOffice, describeLastError, describeLastSynced } from '../sync/describe';
import { useNow, useSyncStatus } from '../sync/useSyncStatus';

type Tone = 'local' | 'online' | 'offline' | 'revoked' | 'unknown';

const TONES = {
  not_configured: 'local',
  not_enrolled: 'local',
  online: 'online',
  offline: 'offline',
  revoked: 'revoked',
} as const satisfies Record<string, Tone>;

/**
 * Where sync stands, on every screen: online, offline, not enrolled or revoked; how many
 * changes wait; when it last synced; the last error with its trace id (for support).
 */
export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const { status, error } = useSyncStatus();
  const now = useNow();

  let tone: Tone = 'unknown';
  let headline: string = t('sync.unknown');
  const lines: string[] = [];
  let problem: string | null = null;
  if (error && isUnreachable(error)) {
    tone = 'offline';
    headline = t('errorDetail.unreachable');
  } else if (status) {
    tone = TONES[status.backOffice];
    headline = describeBackOffice(t, status);
    lines.push(t('sync.pending', { count: status.pendingMutations }));
    if (status.backOffice !== 'not_configured')
      lines.push(describeLastSynced(t, status, i18n.language, now));
    if (status.rejectedMutations > 0)
      lines.push(t('sync.rejected', { count: status.rejectedMutations }));
    problem = describeLastError(t, status);
  }

  return (
    <div
      className={`sync-badge sync-badge--${tone}`}
      data-testid="sync-status"
      data-state={status?.backOffice ?? 'unknown'}
      role="status"
      aria-label={t('sync.label')}
      title={[headline, ...lines, ...(problem ? [problem] : [])].join('\n')}
    >
      <span className="sync-badge__dot" aria-hidden="true" />
      <span className="sync-badge__text">
        <span className="sync-badge__headline">{headline}</span>
        {lines.length > 0 && (
          <span className="sync-badge__detail" data-testid="sync-status-detail">
            {lines.slice(0, 2).join(' · ')}
          </span>
        )}
        {problem && (
          <span className="sync-badge__detail sync-badge__error" data-testid="sync-status-error">
            {problem}
          </span>
        )}
      </span>
    </div>
  );
}
