import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, AuditVerification } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';

export const AUDIT_LIMIT = 25;

export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const { device, user } = useSignedIn();
  const events = useCall('audit.recent', { limit: AUDIT_LIMIT });
  return (
    <Card title={t('home.admin.audit')} className="card--wide" testId="audit-recent">
      {user.permissions.includes('audit.verify') && <VerifyChain onVerified={events.reload} />}
      <CallView state={events} reload={events.reload} timeZone={device.timeZone}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('home.admin.auditEmpty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('home.admin.seq')}
                    </th>
                    <th scope="col">{t('home.admin.at')}</th>
                    <th scope="col">{t('home.admin.action')}</th>
                    <th scope="col">{t('home.admin.user')}</th>
                    <th scope="col">{t('home.admin.entity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id}>
                      <td className="num mono">{e.seq}</td>
                      <td>
                        <time dateTime={e.at}>
                          {formatDateTime(e.at, i18n.language, device.timeZone)}
                        </time>
                      </td>
                      <td className="mono">{e.action}</td>
                      <td>{e.username ?? t('app.system')}</td>
                      <td className="mono" title={e.entityId ?? undefined}>
                        {e.entityType}
                        {e.entityId ? ` …${e.entityId.slice(-8)}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </CallView>
    </Card>
  );
}

/** Re-checks the whole hash chain on this device and says where it breaks, if it does. */
function VerifyChain({ onVerified }: { onVerified: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const answer = await api.call('audit.verify', {});
    setBusy(false);
    if (answer.ok) {
      setResult(answer.data);
      onVerified();
    } else setError(answer.error);
  };

  return (
    <div className="verify">
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => void verify()}
        disabled={busy}
      >
        {busy ? t('home.admin.verifying') : t('home.admin.verify')}
      </button>
      <div data-testid="audit-verify-result" aria-live="polite">
        {result &&
          (result.intact ? (
            <p className="notice notice--success" data-intact="true">
              {t('home.admin.intact', { count: result.checked })}
            </p>
          ) : (
            <p className="notice notice--error" data-intact="false" role="alert">
              {t('home.admin.broken', {
                seq: result.firstBroken?.seq ?? '?',
                id: result.firstBroken?.id ?? '?',
                reason: result.firstBroken
                  ? t(`reasons.auditBreak.${result.firstBroken.reason}`)
                  : '?',
              })}
            </p>
          ))}
        {error && <ErrorNotice error={error} />}
      </div>
    </div>
  );
}
