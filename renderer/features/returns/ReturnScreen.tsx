import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnDetail } from '../../../shared/contracts';
import { useRouter, useSignedIn } from '../../app/context';
import type { RouteNotice } from '../../app/router';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { useCodes } from '../../lib/codes';
import { formatDateTime, marketplaceCode } from '../../lib/format';
import { VerdictView } from '../intake/Verdict';
import { LabelPanel } from '../labels/LabelPanel';
import { DispositionForm, EnvironmentalNote, QcResult } from '../qc/Disposition';
import { QcForm, type ReturnLine } from '../qc/QcForm';
import { RefundPanel, refundableLines } from '../refunds/RefundPanel';
import { PhotoPanel } from './PhotoPanel';
import { Timeline } from './Timeline';
import { RETURN_TABLES } from '../sync/tables';

/** One return on one screen: what came back, its inspection, label, refund and history. */
export function ReturnScreen({ returnId, notice }: { returnId: string; notice?: RouteNotice }) {
  const { device } = useSignedIn();
  const detail = useCall('returns.get', { returnId }, { refreshOn: RETURN_TABLES });
  return (
    <div className="screen return-screen" data-testid="return-screen">
      <CallView state={detail} reload={detail.reload} timeZone={device.timeZone}>
        {(data) => <ReturnView detail={data} reload={detail.reload} notice={notice} />}
      </CallView>
    </div>
  );
}

function ReturnView({
  detail,
  reload,
  notice,
}: {
  detail: ReturnDetail;
  reload: () => void;
  notice?: RouteNotice;
}) {
  const { t, i18n } = useTranslation();
  const { device, user } = useSignedIn();
  const go = useRouter((s) => s.go);
  const codes = useCodes();
  const locale = i18n.language;
  const market = marketplaceCode(detail.order.marketplace);
  // Just taken, nothing asked yet: the next step is the refund.
  const refundNext = detail.refunds.length === 0 && refundableLines(detail).length > 0;

  return (
    <>
      {user.permissions.includes('returns.create') && (
        <button
          type="button"
          className="btn btn--ghost return-back"
          onClick={() => go({ name: 'returns' })}
        >
          ← {t('rma.back')}
        </button>
      )}
      <header className="return-head">
        <div className="return-head__rma">
          <p className="return-head__label muted">{t('rma.label')}</p>
          <p className="return-head__number mono" data-testid="rma-number">
            {detail.rmaNumber}
          </p>
          <p className={`status-chip status-chip--${detail.status}`} data-status={detail.status}>
            {codes.returnStatus(detail.status)}
          </p>
        </div>
        <dl className="facts facts--row return-head__facts">
          <div className="fact">
            <dt>{t('rma.order')}</dt>
            <dd className="mono">{detail.order.amazonOrderId}</dd>
          </div>
          <div className="fact">
            <dt>{t('rma.marketplace')}</dt>
            <dd>{market ? t(`marketplaces.${market}`) : detail.order.marketplace}</dd>
          </div>
          <div className="fact">
            <dt>{t('rma.buyer')}</dt>
            <dd>{detail.order.buyerName}</dd>
          </div>
          <div className="fact">
            <dt>{t('rma.taken')}</dt>
            <dd>
              <time dateTime={detail.createdAt}>
                {formatDateTime(detail.createdAt, locale, device.timeZone)}
              </time>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('rma.takenBy')}</dt>
            <dd>{detail.createdBy}</dd>
          </div>
          <div className="fact">
            <dt>{t('rma.policy')}</dt>
            <dd>{t('rma.policyValue', detail.policy)}</dd>
          </div>
        </dl>
      </header>
      {detail.override && (
        <p className="notice notice--warning" data-testid="return-override">
          {t('rma.override', { name: detail.override.by, reason: detail.override.reason })}
        </p>
      )}
      {detail.customerComment && (
        <p className="return-comment">
          <span className="muted">{t('rma.customerComment')}: </span>
          {detail.customerComment}
        </p>
      )}
      {notice?.kind === 'photosFailed' && (
        <p className="notice notice--error" role="alert">
          {t('rma.photosFailed', { count: notice.count })}
        </p>
      )}

      <div className="return-grid">
        <section className="return-grid__main" aria-label={t('rma.lines')}>
          {detail.lines.map((line) => (
            <ReturnLineCard key={line.id} line={line} onChanged={reload} />
          ))}
        </section>
        <div className="return-grid__side">
          <RefundPanel detail={detail} onChanged={reload} autoFocus={refundNext} />
          <LabelPanel detail={detail} onChanged={reload} />
          <PhotoPanel detail={detail} onChanged={reload} />
        </div>
      </div>
      <Timeline detail={detail} />
    </>
  );
}

const STEPS = ['received', 'inspected', 'disposed'] as const;

function ReturnLineCard({ line, onChanged }: { line: ReturnLine; onChanged: () => void }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const codes = useCodes();
  const [correcting, setCorrecting] = useState(false);
  const canInspect = user.permissions.includes('qc.inspect');
  const conditions = (['opened', 'damaged', 'missingParts'] as const)
    .filter((k) => line[k])
    .map((k) => t(`intake.${k}`));
  const reached = STEPS.indexOf(line.state as (typeof STEPS)[number]);
  const saved = () => {
    setCorrecting(false);
    onChanged();
  };

  return (
    <article
      className="card return-line"
      data-testid="return-line"
      data-state={line.state}
      aria-label={line.title}
    >
      <header className="return-line__head">
        <div>
          <h2 className="return-line__title">{line.title}</h2>
          <p className="muted small">
            {t('lookup.lines.skuAsin', { sku: line.sku, asin: line.asin })} ·{' '}
            {t('rma.quantity', { count: line.quantity })}
          </p>
        </div>
        <ol className="steps" aria-label={t('rma.steps')}>
          {line.state === 'cancelled' ? (
            <li className="steps__step steps__step--cancelled" aria-current="step">
              {codes.lineState('cancelled')}
            </li>
          ) : (
            STEPS.map((step, i) => (
              <li
                key={step}
                className={`steps__step ${i <= reached ? 'steps__step--done' : ''}`}
                aria-current={i === reached ? 'step' : undefined}
              >
                {codes.lineState(step)}
              </li>
            ))
          )}
        </ol>
      </header>

      <dl className="facts facts--compact">
        <dt>{t('rma.reason')}</dt>
        <dd>{codes.reason(line.reasonCode)}</dd>
        <dt>{t('rma.conditions')}</dt>
        <dd>{conditions.length > 0 ? conditions.join(', ') : t('rma.conditionNone')}</dd>
        {line.disposition && (
          <>
            <dt>{t('inspection.destination')}</dt>
            <dd data-testid="line-destination">{codes.disposition(line.disposition)}</dd>
          </>
        )}
      </dl>
      <details className="return-line__rules">
        <summary>{t('rma.eligibility')}</summary>
        <VerdictView verdict={line.eligibility} />
      </details>
      <EnvironmentalNote line={line} disposition={line.disposition} />

      <div className="return-line__qc">
        <h3 className="return-line__section">{t('inspection.title')}</h3>
        {line.qc && !correcting && <QcResult line={line} />}
        {canInspect && line.state === 'received' && <QcForm line={line} onSaved={saved} />}
        {canInspect && line.state === 'inspected' && correcting && (
          <QcForm line={line} onSaved={saved} onCancel={() => setCorrecting(false)} />
        )}
        {canInspect && line.state === 'inspected' && !correcting && (
          <>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => setCorrecting(true)}
            >
              {t('inspection.correct')}
            </button>
            <DispositionForm line={line} onSaved={onChanged} />
          </>
        )}
      </div>
    </article>
  );
}
