import { useTranslation } from 'react-i18next';
import { useRouter, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { useCodes } from '../../lib/codes';
import { formatDateTime } from '../../lib/format';
import { RETURN_TABLES } from '../sync/tables';

export const RECENT_RETURNS_LIMIT = 10;

/** The store's latest returns, each a way back to its screen. */
export function RecentReturns() {
  const { t, i18n } = useTranslation();
  const { device, user } = useSignedIn();
  const go = useRouter((s) => s.go);
  const codes = useCodes();
  const returns = useCall(
    'returns.recent',
    { storeId: device.storeId, limit: RECENT_RETURNS_LIMIT },
    { refreshOn: RETURN_TABLES },
  );
  return (
    <Card
      title={t('recentReturns.title')}
      className="card--wide"
      testId="recent-returns"
      actions={
        user.permissions.includes('returns.create') && (
          <button
            type="button"
            className="btn btn--primary btn--small"
            onClick={() => go({ name: 'returns' })}
          >
            {t('recentReturns.newReturn')}
          </button>
        )
      }
    >
      <CallView state={returns} reload={returns.reload} timeZone={device.timeZone}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('recentReturns.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">{t('recentReturns.rma')}</th>
                    <th scope="col">{t('recentReturns.order')}</th>
                    <th scope="col" className="num">
                      {t('recentReturns.lines')}
                    </th>
                    <th scope="col">{t('recentReturns.createdAt')}</th>
                    <th scope="col">{t('recentReturns.status')}</th>
                    <th scope="col">{t('recentReturns.refund')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <button
                          type="button"
                          className="link-button mono"
                          aria-label={t('recentReturns.open', { rma: r.rmaNumber })}
                          onClick={() => go({ name: 'return', returnId: r.id })}
                        >
                          {r.rmaNumber}
                        </button>
                      </td>
                      <td className="mono">{r.amazonOrderId}</td>
                      <td className="num">{r.lineCount}</td>
                      <td>
                        <time dateTime={r.createdAt}>
                          {formatDateTime(r.createdAt, i18n.language, device.timeZone)}
                        </time>
                      </td>
                      <td>{codes.returnStatus(r.status)}</td>
                      <td>
                        {r.refundStatus
                          ? codes.refundStatus(r.refundStatus)
                          : t('recentReturns.noRefund')}
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
