import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, SyncRejection, SyncStatus } from '../../../shared/contracts';
import { useApi, useSession, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import {
  describeBackOffice,
  describeLastError,
  describeLastSynced,
  describeSyncCode,
} from './describe';
import { useNow, useSyncStatus } from './useSyncStatus';

/**
 * This desktop and the back office: where sync stands (and a round now), enrolment with a
 * code an administrator made, and the changes the back office refused. The backend checks
 * every permission again; this screen only hides what the role cannot use.
 */
export function SyncScreen() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const { status, error, set } = useSyncStatus();
  return (
    <div className="screen sync-screen" data-testid="sync-screen">
      <h1 className="screen__title">{t('syncScreen.title')}</h1>
      <div className="home__grid">
        <Card title={t('syncScreen.statusTitle')} testId="sync-status-card">
          {error && <ErrorNotice error={error} />}
          {status && <StatusView status={status} onStatus={set} />}
        </Card>
        {user.permissions.includes('devices.enroll') && (
          <Card title={t('syncScreen.enrollTitle')} testId="sync-enroll">
            <EnrollForm status={status} onStatus={set} />
          </Card>
        )}
        {user.permissions.includes('sync.review') && (
          <Card
            title={t('syncScreen.rejectionsTitle')}
            className="card--wide"
            testId="sync-rejections"
          >
            <Rejections rejectedCount={status?.rejectedMutations ?? 0} />
          </Card>
        )}
      </div>
    </div>
  );
}

function StatusView({
  status,
  onStatus,
}: {
  status: SyncStatus;
  onStatus: (status: SyncStatus) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const problem = describeLastError(t, status);
  const syncable = status.backOffice !== 'not_configured' && status.backOffice !== 'revoked';

  const syncNow = async () => {
    setBusy(true);
    setError(null);
    const answer = await api.call('sync.now', {});
    setBusy(false);
    if (answer.ok) onStatus(answer.data);
    else setError(answer.error);
  };

  return (
    <>
      <dl className="facts" data-testid="sync-facts" data-state={status.backOffice}>
        <dt>{t('syncScreen.state')}</dt>
        <dd>{describeBackOffice(t, status)}</dd>
        <dt>{t('syncScreen.backOffice')}</dt>
        <dd>{status.backOfficeUrl ?? t('syncScreen.none')}</dd>
        <dt>{t('syncScreen.pending')}</dt>
        <dd data-testid="sync-pending">{status.pendingMutations}</dd>
        <dt>{t('syncScreen.rejected')}</dt>
        <dd>{status.rejectedMutations}</dd>
        <dt>{t('syncScreen.lastSynced')}</dt>
        <dd
          title={
            status.lastSyncedAt
              ? formatDateTime(status.lastSyncedAt, i18n.language, device.timeZone)
              : undefined
          }
        >
          {describeLastSynced(t, status, i18n.language, now)}
        </dd>
      </dl>
      {problem && (
        <p className="notice notice--error" role="alert" data-testid="sync-last-error">
          {problem}
        </p>
      )}
      {error && <ErrorNotice error={error} timeZone={device.timeZone} />}
      {syncable && (
        <button type="button" className="btn btn--secondary" disabled={busy} onClick={syncNow}>
          {busy ? t('syncScreen.syncing') : t('syncScreen.syncNow')}
        </button>
      )}
    </>
  );
}

function EnrollForm({
  status,
  onStatus,
}: {
  status: SyncStatus | null;
  onStatus: (status: SyncStatus) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const refreshSession = useSession((s) => s.refresh);
  const id = useId();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [enrolled, setEnrolled] = useState<{ deviceCode: string; storeChanged: boolean } | null>(
    null,
  );

  // The address the desktop already knows (configured or from an earlier enrolment).
  const knownUrl = status?.backOfficeUrl ?? '';
  useEffect(() => {
    if (knownUrl) setUrl((current) => current || knownUrl);
  }, [knownUrl]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setEnrolled(null);
    const answer = await api.call('sync.enroll', { backOfficeUrl: url.trim(), code: code.trim() });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setCode('');
    setEnrolled({ deviceCode: answer.data.deviceCode, storeChanged: answer.data.storeChanged });
    onStatus(answer.data.status);
    // This till's letter (and perhaps its store) changed: the top bar shows the new ones.
    void refreshSession();
  };

  return (
    <form className="settings" onSubmit={submit} noValidate>
      <p className="muted">{t('syncScreen.enrollHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-url`} className="field__label">
          {t('syncScreen.url')}
        </label>
        <input
          id={`${id}-url`}
          className="input"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={url}
          disabled={busy}
          onChange={(e) => setUrl(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-code`} className="field__label">
          {t('syncScreen.code')}
        </label>
        <input
          id={`${id}-code`}
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={code}
          disabled={busy}
          onChange={(e) => setCode(e.target.value)}
          required
        />
      </div>
      {error && <ErrorNotice error={error} timeZone={device.timeZone} testId="enroll-error" />}
      {enrolled && (
        <p role="status" className="notice notice--success" data-testid="enrolled">
          {t('syncScreen.enrolled', { code: enrolled.deviceCode })}
          {enrolled.storeChanged && ` ${t('syncScreen.storeChanged')}`}
        </p>
      )}
      <button
        type="submit"
        className="btn btn--primary"
        disabled={busy || url.trim() === '' || code.trim().length < 6}
      >
        {busy ? t('syncScreen.enrolling') : t('syncScreen.enroll')}
      </button>
    </form>
  );
}

function Rejections({ rejectedCount }: { rejectedCount: number }) {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const rejections = useCall('sync.rejections', { limit: 100 });
  const { reload } = rejections;
  // A round that refused something more says so in the status; read the list again then.
  const seen = useRef(rejectedCount);
  useEffect(() => {
    if (seen.current === rejectedCount) return;
    seen.current = rejectedCount;
    reload();
  }, [rejectedCount, reload]);
  return (
    <CallView state={rejections} reload={reload} timeZone={device.timeZone}>
      {(rows) =>
        rows.length === 0 ? (
          <p className="muted">{t('syncScreen.noRejections')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="rejection-list">
              <thead>
                <tr>
                  <th scope="col">{t('syncScreen.when')}</th>
                  <th scope="col">{t('syncScreen.change')}</th>
                  <th scope="col">{t('syncScreen.who')}</th>
                  <th scope="col">{t('syncScreen.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <RejectionRow key={row.mutationId} row={row} />
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </CallView>
  );
}

function RejectionRow({ row }: { row: SyncRejection }) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  return (
    <tr data-testid="rejection" data-code={row.code}>
      <td>{formatDateTime(row.rejectedAt ?? row.createdAt, i18n.language, device.timeZone)}</td>
      <td>
        <code>{row.name}</code>
        {row.entityId && <span className="muted"> · {row.entityId.slice(0, 8)}</span>}
      </td>
      <td>{row.userName ?? t('app.system')}</td>
      <td>
        {describeSyncCode(t, row.code, row.reason)}
        {row.reason && <span className="muted"> — {row.reason}</span>}
      </td>
    </tr>
  );
}
