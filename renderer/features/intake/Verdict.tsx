import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { VerdictSchema } from '../../../shared/contracts';
import { useCodes } from '../../lib/codes';
import { formatBps, formatDay } from '../../lib/format';

export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * May this item come back, until when, at what fee: the headline first, then every reason
 * the rules gave, in plain words.
 */
export function VerdictView({
  verdict,
  stale,
  testId,
}: {
  verdict: Verdict;
  /** The clerk changed something since: shown dimmed until the new verdict arrives. */
  stale?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const codes = useCodes();
  const tone = verdict.eligible ? 'ok' : 'refused';
  return (
    <div
      className={`verdict verdict--${tone} ${stale ? 'verdict--stale' : ''}`}
      data-testid={testId}
      data-eligible={verdict.eligible}
      aria-busy={stale || undefined}
    >
      <p className="verdict__headline">
        <span className="verdict__icon" aria-hidden="true">
          {verdict.eligible ? '✓' : '✕'}
        </span>
        {verdict.eligible ? t('intake.eligible') : t('intake.notEligible')}
      </p>
      <ul className="verdict__facts">
        <li>{t('intake.returnBy', { date: formatDay(verdict.returnBy, i18n.language) })}</li>
        <li>
          {verdict.restockingFeeBps > 0
            ? t('intake.fee', { percent: formatBps(verdict.restockingFeeBps, i18n.language) })
            : t('intake.noFee')}
        </li>
        {verdict.photoRequired && <li className="verdict__photo">{t('intake.photoNeeded')}</li>}
      </ul>
      {verdict.reasons.length > 0 && (
        <ul className="verdict__reasons">
          {verdict.reasons.map((r, i) => (
            <li key={`${r.code}-${i}`} data-code={r.code}>
              {codes.eligibility(r)}
            </li>
          ))}
        </ul>
      )}
      {!verdict.eligible && !verdict.overridable && (
        <p className="verdict__final">{t('intake.notOverridable')}</p>
      )}
    </div>
  );
}
