import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { TimeZone } from '../../components/TimeZone';

/** The stores the user may see (`directory.stores` is scoped by the backend), as cards. */
export function StoreGrid({ title }: { title: string }) {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const stores = useCall('directory.stores', {});
  return (
    <Card title={title} className="card--wide" testId="store-grid">
      <CallView state={stores} reload={stores.reload}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t('home.region.empty')}</p>
          ) : (
            <ul className="store-grid">
              {rows.map((store) => (
                <li
                  key={store.id}
                  className={`store-tile ${store.id === device.storeId ? 'store-tile--here' : ''}`}
                  data-store-code={store.code}
                >
                  <p className="store-tile__code mono">{store.code}</p>
                  <p className="store-tile__name">{store.name}</p>
                  <dl className="facts facts--compact">
                    <dt>{t('home.storeCard.currency')}</dt>
                    <dd>{store.currency}</dd>
                    <dt>{t('home.storeCard.timeZone')}</dt>
                    <dd>
                      <TimeZone zone={store.timeZone} />
                    </dd>
                    <dt>{t('home.storeCard.region')}</dt>
                    <dd>{store.regionName}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </CallView>
    </Card>
  );
}
