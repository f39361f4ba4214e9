import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';
import { AuditPanel } from './AuditPanel';
import { FinanceTotals } from './FinanceTotals';
import { Greeting } from './Greeting';
import { LockedAccounts } from './LockedAccounts';
import { RecentOrders } from './RecentOrders';
import { StoreCard } from './StoreCard';
import { StoreGrid } from './StoreGrid';
import { StoreSettings } from './StoreSettings';
import { PendingApprovals } from '../approvals/ApprovalsScreen';
import { ManifestCard } from '../manifests/ManifestCard';
import { FailedPrints } from '../printing/PrintQueue';
import { RecentReturns } from '../returns/RecentReturns';
import { UsersAdmin } from '../admin/UsersAdmin';
import { PoliciesAdmin } from '../admin/PoliciesAdmin';
import { AmazonAccountAdmin } from '../admin/AmazonAccountAdmin';
import { DevicesAdmin } from '../admin/DevicesAdmin';
import { RefundDeadlines } from '../refunds/RefundDeadlines';

/** Labels of this till that did not print: only for those who print (and only when there are). */
function PrintFailures() {
  const { user } = useSignedIn();
  return user.permissions.includes('labels.print') ? <FailedPrints /> : null;
}

export function ClerkHome() {
  return (
    <div className="home" data-testid="home-clerk">
      <Greeting />
      <div className="home__grid">
        <PrintFailures />
        <StoreCard />
        <RecentReturns />
        <ManifestCard />
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
        <PrintFailures />
        <StoreCard />
        <PendingApprovals />
        <RefundDeadlines />
        <RecentReturns />
        <ManifestCard />
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
        <PendingApprovals />
        <RefundDeadlines />
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
        <UsersAdmin />
        <PoliciesAdmin />
        <DevicesAdmin />
        <AmazonAccountAdmin />
        <StoreGrid title={t('home.admin.stores')} />
        <AuditPanel />
      </div>
    </div>
  );
}
