import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { formatAmount, formatDateTime, marketplaceCode } from '../../lib/format';

export const RECENT_ORDERS_LIMIT = 20;

/** The device store's latest Amazon orders; buyer names arrive masked from the backend. */
export function RecentOrders() {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const orders = useCall('orders.recent', { storeId: device.storeId, limit: RECENT_ORDERS_LIMIT });
  const locale = i18n.language;

  return (
    <Card title={t('home.orders.title')} className="card--wide" testId="recent-orders">
      <CallView state={orders} reload={orders.reload} timeZone={device.timeZone}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('home.orders.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="table__caption">
                  {t('home.orders.caption', { timeZone: device.timeZone })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('home.orders.amazonOrderId')}</th>
                    <th scope="col">{t('home.orders.marketplace')}</th>
                    <th scope="col">{t('home.orders.purchasedAt')}</th>
                    <th scope="col" className="num">
                      {t('home.orders.items')}
                    </th>
                    <th scope="col" className="num">
                      {t('home.orders.total')}
                    </th>
                    <th scope="col">{t('home.orders.buyer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((order) => {
                    const market = marketplaceCode(order.marketplace);
                    return (
                      <tr key={order.id}>
                        <td className="mono">{order.amazonOrderId}</td>
                        <td>{market ? t(`marketplaces.${market}`) : order.marketplace}</td>
                        <td>
                          <time dateTime={order.purchasedAt}>
                            {formatDateTime(order.purchasedAt, locale, device.timeZone)}
                          </time>
                        </td>
                        <td className="num">
                          {t('home.orders.itemsValue', { count: order.itemCount })}
                        </td>
                        <td className="num">{formatAmount(order.total, locale)}</td>
                        <td>{order.buyerName}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </CallView>
    </Card>
  );
}
