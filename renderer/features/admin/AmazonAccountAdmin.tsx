import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, CallOutput } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';

type Status = CallOutput<'amazonAccount.get'>;
const FIELDS = ['clientId', 'clientSecret', 'refreshToken', 'sellerId'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The seller account at the back office: what is set (the client id's ends, whether a refresh
 * token is set — never the secrets) and a form to set it. The secrets go to the back office and
 * are not kept on this desktop; the form is cleared once they are sent.
 */
export function AmazonAccountAdmin() {
  const { t } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const status = useCall('amazonAccount.get', {});
  const [saved, setSaved] = useState<Status | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({
    clientId: '',
    clientSecret: '',
    refreshToken: '',
    sellerId: '',
  });
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const complete = FIELDS.every((f) => values[f].trim().length > 0);

  const save = async () => {
    setBusy(true);
    setError(null);
    const answer = await api.call('amazonAccount.set', { ...values, region: 'na' });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setSaved(answer.data);
    setValues({ clientId: '', clientSecret: '', refreshToken: '', sellerId: '' });
  };

  const describe = (s: Status) =>
    s.connected
      ? t('admin.amazon.connected', {
          hint: s.clientIdHint ?? '',
          token: s.refreshTokenSet ? t('admin.amazon.tokenSet') : t('admin.amazon.tokenMissing'),
        })
      : t('admin.amazon.notConnected');

  return (
    <Card title={t('admin.amazon.title')} testId="admin-amazon-account">
      <CallView state={status} reload={status.reload} timeZone={device.timeZone}>
        {(current) => (
          <p className="notice" role="status" data-testid="amazon-account-status">
            {describe(saved ?? current)}
          </p>
        )}
      </CallView>
      <div className="subform">
        {FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`amazon-${field}`} className="field__label">
              {t(`admin.amazon.fields.${field}`)}
            </label>
            <input
              id={`amazon-${field}`}
              className="input"
              type={field === 'clientSecret' || field === 'refreshToken' ? 'password' : 'text'}
              autoComplete="off"
              value={values[field]}
              onChange={(e) => setValues({ ...values, [field]: e.target.value })}
            />
          </div>
        ))}
        <div className="subform__actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || !complete}
            onClick={save}
          >
            {t('admin.amazon.save')}
          </button>
        </div>
        {error && <ErrorNotice error={error} />}
      </div>
    </Card>
  );
}
