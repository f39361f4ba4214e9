import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';
import { PrinterSettings } from './PrinterSettings';
import { PrintQueue } from './PrintQueue';

/**
 * This till's printers (for `settings.manage`) and its print queue. The queue needs
 * `labels.print` (a regional manager or an administrator at the till sees the settings only).
 */
export function PrintersScreen() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  return (
    <div className="screen printers-screen" data-testid="printers-screen">
      <h1 className="screen__title">{t('printing.title')}</h1>
      <PrinterSettings />
      {user.permissions.includes('labels.print') && <PrintQueue />}
    </div>
  );
}
