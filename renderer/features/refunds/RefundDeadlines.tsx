import { useTranslation } from 'react-i18next';
import { useRouter, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { formatAmount, formatDateTime } from '../../lib/format';
import { APPROVAL_TABLES } from '../sync/tables';

/**
 * Refunds close to their deadline, or past it, that nobody has paid yet: shown to those who can
 * move them (managers), before Amazon grants the refund itself.
 */
export function RefundDeadlines() {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const go = useRouter((s) => s.go);
  const alerts = useCall('refunds.deadlines', {}, { refreshOn: APPROVAL_TABLES });
  return (
    <Card title={t('deadlines.title')} testId="refund-deadlines">
      <CallView state={alerts} reload={alerts.reload} timeZone={device.timeZone}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('deadlines.none')}</p>
          ) : (
            <ul className="locked-list">
              {rows.map((a) => (
                <li key={a.refundRequestId} className="locked-list__item" data-urgency={a.urgency}>
                  <div className="locked-list__who">
                    <p className="locked-list__name">
                      <span className={a.urgency === 'overdue' ? 'badge badge--warn' : 'badge'}>
                        {t(`deadlines.${a.urgency}`)}
                      </span>{' '}
                      {formatAmount(a.amount, i18n.language)} · {a.storeCode}
                    </p>
                    <p className="muted">
                      {t('deadlines.dueAt', {
                        time: formatDateTime(a.dueAt, i18n.language, device.timeZone),
                      })}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    onClick={() => go({ name: 'return', returnId: a.returnId })}
                  >
                    {a.rmaNumber}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </CallView>
    </Card>
  );
}
