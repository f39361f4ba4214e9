import { useTranslation } from 'react-i18next';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { formatAmount, formatNumber } from '../../lib/format';

export const FINANCE_DAYS = 30;

/** Orders, gross and tax per currency; currencies are never added together. */
export function FinanceTotals() {
  const { t, i18n } = useTranslation();
  const totals = useCall('finance.orderTotals', { days: FINANCE_DAYS });
  const locale = i18n.language;
  return (
    <Card
      title={t('home.finance.title', { days: FINANCE_DAYS })}
      className="card--wide"
      testId="finance-totals"
    >
      <CallView state={totals} reload={totals.reload}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('home.finance.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('home.finance.currency')}</th>
                    <th scope="col" className="num">
                      {t('home.finance.orders')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.finance.gross')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.finance.tax')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.currency} data-currency={row.currency}>
                      <th scope="row">{row.currency}</th>
                      <td className="num">{formatNumber(row.orders, locale)}</td>
                      <td className="num">{formatAmount(row.gross, locale)}</td>
                      <td className="num">{formatAmount(row.tax, locale)}</td>
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
