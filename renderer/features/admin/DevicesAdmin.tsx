import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, CallOutput } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/format';

type Device = CallOutput<'devices.list'>[number];
type Scope = 'store' | 'region' | 'chain';

/**
 * The admin's desktops: who is enrolled where, a one-time enrollment code for a new till (read
 * out once: it is not kept here), and revoking a lost or stolen one (its sync stops at once).
 */
export function DevicesAdmin() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const list = useCall('devices.list', {});
  const stores = useCall('directory.stores', {});
  const [storeId, setStoreId] = useState('');
  const [scope, setScope] = useState<Scope>('store');
  const [code, setCode] = useState<CallOutput<'devices.enrollmentCode'> | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenStore = storeId || stores.data?.[0]?.id || '';

  const makeCode = async () => {
    if (!chosenStore) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const answer = await api.call('devices.enrollmentCode', { storeId: chosenStore, scope });
    setBusy(false);
    if (answer.ok) setCode(answer.data);
    else setError(answer.error);
  };

  const revoke = async () => {
    if (!revoking || reason.trim().length < 3) return;
    setBusy(true);
    setError(null);
    const answer = await api.call('devices.revoke', {
      deviceId: revoking.id,
      reason: reason.trim(),
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setNotice(t('admin.devices.revoked', { name: revoking.name }));
    setRevoking(null);
    setReason('');
    list.reload();
  };

  return (
    <Card title={t('admin.devices.title')} testId="admin-devices">
      {notice && (
        <p role="status" className="notice notice--success">
          {notice}
        </p>
      )}
      <CallView state={list} reload={list.reload} timeZone={device.timeZone}>
        {(rows) => (
          <table className="table" aria-label={t('admin.devices.title')}>
            <thead>
              <tr>
                <th>{t('admin.devices.store')}</th>
                <th>{t('admin.devices.till')}</th>
                <th>{t('admin.devices.enrolledAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>{d.storeCode}</td>
                  <td>
                    {d.name} <span className="mono">({d.code})</span>
                    {d.isThisDesktop && (
                      <span className="badge">{t('admin.devices.thisDesktop')}</span>
                    )}
                  </td>
                  <td>{formatDateTime(d.enrolledAt, i18n.language, device.timeZone)}</td>
                  <td className="table__actions">
                    {!d.isThisDesktop && (
                      <button
                        type="button"
                        className="btn btn--ghost"
                        aria-label={`${t('admin.devices.revoke')} ${d.name}`}
                        onClick={() => setRevoking(d)}
                      >
                        {t('admin.devices.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CallView>
      {revoking && (
        <div className="subform">
          <Field id="revoke-reason" label={t('admin.devices.reason', { name: revoking.name })}>
            <input
              id="revoke-reason"
              className="input"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          <div className="subform__actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={busy || reason.trim().length < 3}
              onClick={revoke}
            >
              {t('admin.devices.confirmRevoke')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setRevoking(null)}>
              {t('admin.users.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="subform">
        <Field id="code-store" label={t('admin.devices.store')}>
          <select
            id="code-store"
            className="input"
            value={chosenStore}
            onChange={(e) => setStoreId(e.target.value)}
          >
            {(stores.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="code-scope" label={t('admin.devices.scope')}>
          <select
            id="code-scope"
            className="input"
            value={scope}
            onChange={(e) => setScope(e.target.value as Scope)}
          >
            {(['store', 'region', 'chain'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`admin.devices.scopes.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="subform__actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy || !chosenStore}
            onClick={makeCode}
          >
            {t('admin.devices.makeCode')}
          </button>
        </div>
        {code && (
          <p role="status" className="notice" data-testid="enrollment-code">
            {t('admin.devices.codeIs')} <strong className="mono big-code">{code.code}</strong>{' '}
            {t('admin.devices.validUntil', {
              time: formatDateTime(code.expiresAt, i18n.language, device.timeZone),
            })}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </div>
    </Card>
  );
}
