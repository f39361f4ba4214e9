import { useTranslation } from 'react-i18next';
import type { ReturnDetail } from '../../../shared/contracts';
import { useSignedIn } from '../../app/context';
import { Card } from '../../components/Card';
import { useCodes } from '../../lib/codes';
import { formatDateTime } from '../../lib/format';

/** What happened to the return, from the audit log: what, who, when, on which device. */
export function Timeline({ detail }: { detail: ReturnDetail }) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const codes = useCodes();
  const events = [...detail.timeline].sort((a, b) => a.seq - b.seq);
  return (
    <Card title={t('rma.timeline')} className="timeline-card" testId="return-timeline">
      {events.length === 0 ? (
        <p className="muted">{t('rma.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.seq} className="timeline__event" data-action={e.action}>
              <time className="timeline__time" dateTime={e.at}>
                {formatDateTime(e.at, i18n.language, device.timeZone)}
              </time>
              <span className="timeline__what">{codes.action(e.action)}</span>
              <span className="timeline__who muted">
                {t('rma.by', {
                  who: e.username ?? t('app.system'),
                  device:
                    e.deviceId === device.id
                      ? t('rma.thisDevice', { code: device.code })
                      : t('rma.otherDevice', { id: e.deviceId.slice(-6) }),
                })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
