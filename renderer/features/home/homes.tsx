import { useTranslation } from 'react-i18next';
import { AuditPanel } from './AuditPanel';
import { FinanceTotals } from './FinanceTotals';
import { Greeting } from './Greeting';
import { LockedAccounts } from './LockedAccounts';
import { RecentOrders } from './RecentOrders';
import { StoreCard } from './StoreCard';
import { StoreGrid } from './StoreGrid';
import { StoreSettings } from './StoreSettings';
import { Card } from '../../components/Card';

export function ClerkHome() {
  return (
    <div className="home" data-testid="home-clerk">
      <Greeting />
      <div className="home__grid">
        <StoreCard />
        <RecentOrders />
      </div>
    </div>
  );
}

export function StoreManagerHome() {
  return (
    <div className="home" data-testid="home-store_manager">
      <Greeting />
      <div className="home__grid">
        <StoreCard />
        <LockedAccounts />
        <StoreSettings />
        <RecentOrders />
      </div>
    </div>
  );
}

export function RegionalManagerHome() {
  const { t } = useTranslation();
  return (
    <div className="home" data-testid="home-regional_manager">
      <Greeting />
      <div className="home__grid">
        <Card title={t('nav.approvals')} className="card--wide" testId="pending-approvals">
          <p className="big-number">{t('home.region.pendingApprovals', { count: 0 })}</p>
          <p className="muted">{t('home.region.approvalsNote')}</p>
        </Card>
        <StoreGrid title={t('home.region.title')} />
        <RecentOrders />
      </div>
    </div>
  );
}

export function FinanceHome() {
  return (
    <div className="home" data-testid="home-finance">
      <Greeting />
      <div className="home__grid">
        <FinanceTotals />
      </div>
    </div>
  );
}

export function AdminHome() {
  const { t } = useTranslation();
  return (
    <div className="home" data-testid="home-admin">
      <Greeting />
      <div className="home__grid">
        <StoreGrid title={t('home.admin.stores')} />
        <AuditPanel />
      </div>
    </div>
  );
}
