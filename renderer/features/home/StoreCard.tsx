import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { Card } from '../../components/Card';
import { TimeZone } from '../../components/TimeZone';

/** The device's store: what the till knows itself, plus the directory's details when readable. */
export function StoreCard() {
  const { t } = useTranslation();
  const { device, user } = useSignedIn();
  const stores = useCall(
    'directory.stores',
    user.permissions.includes('directory.read') ? {} : null,
  );
  const store =
    stores.status === 'ok' ? stores.data.find((s) => s.id === device.storeId) : undefined;

  return (
    <Card title={t('home.storeCard.title')} className="store-card card--wide" testId="store-card">
      <p className="store-card__name">{device.storeName}</p>
      <dl className="facts facts--row">
        <Fact label={t('home.storeCard.code')}>{device.storeCode}</Fact>
        <Fact label={t('home.storeCard.device')}>{device.code}</Fact>
        <Fact label={t('home.storeCard.timeZone')}>
          <TimeZone zone={device.timeZone} />
        </Fact>
        {store && <Fact label={t('home.storeCard.currency')}>{store.currency}</Fact>}
        {store && <Fact label={t('home.storeCard.region')}>{store.regionName}</Fact>}
        {store?.address && <Fact label={t('home.storeCard.address')}>{store.address}</Fact>}
      </dl>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
