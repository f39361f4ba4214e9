import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, OrderDetail } from '../../../shared/contracts';
import type { ReturnReasonCode } from '../../../shared/domain/returns';
import { useApi, useRouter, useSignedIn } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { attachPhotos, PhotoPicker, type PhotoDraft } from '../../components/PhotoPicker';
import { useCodes } from '../../lib/codes';
import { formatMinor } from '../../lib/format';
import { newId } from '../../lib/ids';
import { BreakdownView } from '../refunds/Breakdown';
import { ReasonList } from '../refunds/ReasonList';
import {
  initialDrafts,
  intakeComplete,
  intakeLines,
  reasonsFor,
  remainingOf,
  typedQuantity,
  clampQuantity,
  type Drafts,
  type LineDraft,
  type OrderLine,
} from './intakeModel';
import { MIN_OVERRIDE_REASON, OverrideDialog } from './OverrideDialog';
import { useAssessment, type Assessment } from './useAssessment';
import { VerdictView } from './Verdict';
import { OrderLinesHead } from '../lookup/OrderLinesHead';

type Override = { reason: string; grantId?: string };

function detailReturnId(error: AppErrorBody): string | null {
  const details = error.details as { returnId?: unknown } | undefined;
  return typeof details?.returnId === 'string' ? details.returnId : null;
}

/**
 * Taking a return from one order: which lines and how many, why, in what condition; the
 * rules' verdict and the refund as the clerk edits; then `returns.create` (with a manager's
 * override when the rules refuse) and the photos, and on to the return's own screen.
 */
export function IntakeForm({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const go = useRouter((s) => s.go);
  const { user } = useSignedIn();
  const canOverride = user.permissions.includes('returns.override');
  const overrideId = useId();

  const [drafts, setDrafts] = useState<Drafts>(() => initialDrafts(order));
  const [comment, setComment] = useState('');
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  /** "Take return" was asked for while the verdicts were being checked. */
  const [queued, setQueued] = useState(false);
  // One id per intake: a retry after a lost answer cannot record the return twice.
  const ids = useRef({ returnId: newId(), lines: new Map<string, string>() });
  const lineId = (orderLineId: string) => {
    let id = ids.current.lines.get(orderLineId);
    if (!id) ids.current.lines.set(orderLineId, (id = newId()));
    return id;
  };

  const lines = useMemo(() => intakeLines(order, drafts), [order, drafts]);
  const complete = intakeComplete(order, drafts);
  const assessment = useAssessment(order.id, lines);
  const chosen = new Set(lines.map((l) => l.orderLineId));
  const verdicts = (assessment.result?.lines ?? []).filter((l) => chosen.has(l.orderLineId));
  const refused = verdicts.filter((v) => !v.verdict.eligible);
  const needsOverride = complete && refused.length > 0;
  const overridable = refused.every((v) => v.verdict.overridable);
  const photoMissing = verdicts.some((v) => v.verdict.photoRequired) && photos.length === 0;
  const overrideReasonOk = overrideReason.trim().length >= MIN_OVERRIDE_REASON;

  const update = (orderLineId: string, change: Partial<LineDraft>) =>
    setDrafts((d) => ({ ...d, [orderLineId]: { ...d[orderLineId]!, ...change } }));

  const take = async (override?: Override): Promise<AppErrorBody | null> => {
    setBusy(true);
    setError(null);
    const answer = await api.call('returns.create', {
      id: ids.current.returnId,
      orderId: order.id,
      lines: lines.map((l) => ({ ...l, id: lineId(l.orderLineId), comment: '' })),
      customerComment: comment.trim(),
      ...(override ? { override } : {}),
    });
    let returnId: string;
    if (answer.ok) returnId = answer.data.returnId;
    else if (
      answer.error.code === 'CONFLICT' &&
      detailReturnId(answer.error) === ids.current.returnId
    )
      // An earlier attempt got through but its answer was lost.
      returnId = ids.current.returnId;
    else {
      setBusy(false);
      return answer.error;
    }
    const failed = await attachPhotos(api, returnId, photos, 'intake');
    go({
      name: 'return',
      returnId,
      ...(failed > 0 ? { notice: { kind: 'photosFailed' as const, count: failed } } : {}),
    });
    return null;
  };

  /** What "Take return" does once the verdicts are known. */
  const proceed = async (queuedRequest: boolean) => {
    if (busy || !complete || photoMissing) return;
    if (needsOverride) {
      // A refusal found while the clerk waited is shown, not acted on.
      if (queuedRequest || !overridable) return;
      if (canOverride) {
        if (!overrideReasonOk) return;
        const failure = await take({ reason: overrideReason.trim() });
        if (failure) setError(failure);
      } else {
        setOverrideOpen(true);
      }
      return;
    }
    const failure = await take();
    if (failure) setError(failure);
  };
  const proceedRef = useRef(proceed);
  proceedRef.current = proceed;

  useEffect(() => {
    if (queued && !assessment.pending) {
      setQueued(false);
      void proceedRef.current(true);
    }
  }, [queued, assessment.pending]);

  const requestTake = () => {
    if (busy || !complete) return;
    if (assessment.pending) setQueued(true);
    else void proceed(false);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    requestTake();
  };

  const singleLine = order.lines.filter((l) => remainingOf(l) > 0).length === 1;
  const firstReturnable = order.lines.find((l) => remainingOf(l) > 0)?.id;
  const takeDisabled =
    busy || !complete || photoMissing || (needsOverride && canOverride && !overrideReasonOk);

  return (
    <>
      <form className="intake" onSubmit={onSubmit} noValidate aria-label={t('intake.title')}>
        <p className="muted">{t('intake.chooseLines')}</p>
        <div className="table-wrap">
          <table className="table intake-lines">
            <OrderLinesHead />
            <tbody>
              {order.lines.map((line) => (
                <IntakeLineRows
                  key={line.id}
                  line={line}
                  draft={drafts[line.id]!}
                  disabled={busy}
                  autoFocusCheckbox={!singleLine && line.id === firstReturnable}
                  autoFocusReason={singleLine && line.id === firstReturnable}
                  assessment={assessment.result}
                  stale={assessment.pending}
                  onChange={(change) => update(line.id, change)}
                />
              ))}
            </tbody>
          </table>
        </div>

        <div className="intake__bottom">
          <div className="intake__extras">
            <div className="field">
              <label htmlFor={`${overrideId}-comment`} className="field__label">
                {t('intake.comment')}
              </label>
              <textarea
                id={`${overrideId}-comment`}
                className="input textarea"
                rows={2}
                maxLength={2000}
                value={comment}
                disabled={busy}
                aria-describedby={`${overrideId}-comment-hint`}
                onChange={(e) => setComment(e.target.value)}
              />
              <p id={`${overrideId}-comment-hint`} className="field__hint">
                {t('intake.commentHint')}
              </p>
            </div>
            <PhotoPicker photos={photos} onChange={setPhotos} disabled={busy} />
          </div>

          <div className="intake__summary" aria-live="polite">
            {assessment.error && <ErrorNotice error={assessment.error} />}
            {complete && assessment.result && (
              <RefundSummary result={assessment.result} stale={assessment.pending} />
            )}
            {complete && photoMissing && (
              <p className="notice notice--warning">{t('intake.photoRequired')}</p>
            )}
            {needsOverride && (
              <div className="notice notice--error" data-testid="intake-refused">
                <p className="notice__headline">{t('intake.refused')}</p>
                {!overridable && <p>{t('intake.notOverridable')}</p>}
              </div>
            )}
            {needsOverride && overridable && canOverride && (
              <div className="field">
                <label htmlFor={`${overrideId}-reason`} className="field__label">
                  {t('intake.overrideReason')}
                </label>
                <input
                  id={`${overrideId}-reason`}
                  className="input"
                  maxLength={500}
                  value={overrideReason}
                  disabled={busy}
                  aria-describedby={`${overrideId}-reason-hint`}
                  onChange={(e) => setOverrideReason(e.target.value)}
                />
                <p id={`${overrideId}-reason-hint`} className="field__hint">
                  {t('intake.overrideHint')}
                </p>
              </div>
            )}
            {error && <ErrorNotice error={error} />}
          </div>
        </div>

        <div className="intake__bar" data-testid="intake-bar">
          <p className="intake__bar-status" aria-live="polite">
            <IntakeStatus
              complete={complete}
              pending={assessment.pending}
              refused={needsOverride}
              result={assessment.result}
            />
          </p>
          <p className="intake__bar-hint field__hint">{t('intake.keyboardHint')}</p>
          {needsOverride && !canOverride ? (
            overridable && (
              <button
                type="button"
                className="btn btn--primary btn--large"
                disabled={busy}
                onClick={() => setOverrideOpen(true)}
              >
                {t('intake.managerOverride')}
              </button>
            )
          ) : (
            <button
              type="submit"
              className="btn btn--primary btn--large"
              disabled={takeDisabled || (needsOverride && !overridable)}
            >
              {busy || queued ? t('intake.taking') : t('intake.takeReturn')}
            </button>
          )}
        </div>
      </form>
      {overrideOpen && (
        <OverrideDialog onCancel={() => setOverrideOpen(false)} onConfirm={(o) => take(o)} />
      )}
    </>
  );
}

/** One line in the action bar: what "Take return" will do right now. */
function IntakeStatus({
  complete,
  pending,
  refused,
  result,
}: {
  complete: boolean;
  pending: boolean;
  refused: boolean;
  result: Assessment | null;
}) {
  const { t, i18n } = useTranslation();
  if (!complete) return <>{t('intake.selectSomething')}</>;
  if (pending || !result) return <>{t('intake.assessing')}</>;
  if (refused) return <strong className="intake__bar-refused">{t('intake.refused')}</strong>;
  const amount = formatMinor(result.total.totalMinor, result.total.currency, i18n.language);
  return (
    <>
      <strong>{t('intake.barRefund', { amount })}</strong>
      {' · '}
      {result.approval.decision === 'auto_approved' ? t('intake.barAuto') : t('intake.barManager')}
    </>
  );
}

function RefundSummary({ result, stale }: { result: Assessment; stale: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`refund-preview ${stale ? 'is-stale' : ''}`} data-testid="refund-preview">
      <h3 className="refund-preview__title">{t('intake.refundPreview')}</h3>
      <BreakdownView amount={result.total} />
      {result.approval.decision === 'auto_approved' ? (
        <p className="notice notice--success" data-decision="auto_approved">
          {t('intake.approvalAuto')}
        </p>
      ) : (
        <div className="notice notice--warning" data-decision="needs_manager">
          <p className="notice__headline">{t('intake.approvalManager')}</p>
          <ReasonList reasons={result.approval.reasons} />
        </div>
      )}
    </div>
  );
}

function IntakeLineRows({
  line,
  draft,
  disabled,
  autoFocusCheckbox,
  autoFocusReason,
  assessment,
  stale,
  onChange,
}: {
  line: OrderLine;
  draft: LineDraft;
  disabled: boolean;
  autoFocusCheckbox: boolean;
  autoFocusReason: boolean;
  assessment: Assessment | null;
  stale: boolean;
  onChange: (change: Partial<LineDraft>) => void;
}) {
  const { t, i18n } = useTranslation();
  const codes = useCodes();
  const id = useId();
  const locale = i18n.language;
  const remaining = remainingOf(line);
  const selected = draft.selected && remaining > 0;
  const verdict = assessment?.lines.find((l) => l.orderLineId === line.id);
  const money = (m: { amountMinor: number; currency: string }) =>
    formatMinor(m.amountMinor, m.currency, locale);
  const setQuantity = (n: number) => {
    const quantity = clampQuantity(n, remaining);
    onChange({ quantity, quantityText: String(quantity) });
  };

  return (
    <>
      <tr
        className={`intake-line ${selected ? 'intake-line--selected' : ''}`}
        data-testid="order-line"
        data-order-line-id={line.id}
      >
        <td>
          <div className="line-pick">
            <input
              id={`${id}-pick`}
              type="checkbox"
              className="checkbox"
              checked={selected}
              disabled={disabled || remaining === 0}
              autoFocus={autoFocusCheckbox}
              onChange={(e) => onChange({ selected: e.target.checked })}
            />
            <label htmlFor={`${id}-pick`} className="line-pick__title">
              {line.title}
            </label>
          </div>
          <p className="line-pick__meta muted">
            {t('lookup.lines.skuAsin', { sku: line.sku, asin: line.asin })}
            {remaining === 0 && (
              <span className="tag tag--muted">{t('lookup.lines.allReturned')}</span>
            )}
            {line.environmentalTags.map((tag) => (
              <span key={tag} className="tag">
                {codes.envTag(tag)}
              </span>
            ))}
          </p>
        </td>
        <td className="num">{line.quantity}</td>
        <td className="num">{line.returnedQuantity}</td>
        <td className="num">{money(line.refundedOrRequested)}</td>
        <td className="num">{money(line.paid)}</td>
        <td className="num">{money(line.unitPrice)}</td>
      </tr>
      {selected && (
        <tr className="intake-line__details">
          <td colSpan={6}>
            <div className="intake-line__grid">
              <div className="field">
                <label htmlFor={`${id}-qty`} className="field__label">
                  {t('intake.quantity')}
                </label>
                <div className="stepper">
                  <button
                    type="button"
                    className="btn btn--secondary stepper__btn"
                    aria-label={t('intake.oneLess')}
                    disabled={disabled || draft.quantity <= 1}
                    onClick={() => setQuantity(draft.quantity - 1)}
                  >
                    −
                  </button>
                  <input
                    id={`${id}-qty`}
                    className="input stepper__input"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={remaining}
                    step={1}
                    value={draft.quantityText}
                    disabled={disabled}
                    aria-describedby={`${id}-qty-hint`}
                    onChange={(e) => onChange(typedQuantity(draft, e.target.value, remaining))}
                    onBlur={() => onChange({ quantityText: String(draft.quantity) })}
                  />
                  <button
                    type="button"
                    className="btn btn--secondary stepper__btn"
                    aria-label={t('intake.oneMore')}
                    disabled={disabled || draft.quantity >= remaining}
                    onClick={() => setQuantity(draft.quantity + 1)}
                  >
                    +
                  </button>
                </div>
                <p id={`${id}-qty-hint`} className="field__hint">
                  {t('intake.atMost', { max: remaining })}
                </p>
              </div>

              <div className="field">
                <label htmlFor={`${id}-reason`} className="field__label">
                  {t('intake.reason')}
                </label>
                <select
                  id={`${id}-reason`}
                  className="select"
                  value={draft.reasonCode}
                  disabled={disabled}
                  autoFocus={autoFocusReason}
                  onChange={(e) => onChange({ reasonCode: e.target.value as ReturnReasonCode })}
                  onKeyDown={(e) => {
                    // Enter on the reason takes the return (the fastest path at the till).
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      e.currentTarget.form?.requestSubmit();
                    }
                  }}
                >
                  <option value="" disabled>
                    {t('intake.chooseReason')}
                  </option>
                  {reasonsFor(line.category).map((code) => (
                    <option key={code} value={code}>
                      {codes.reason(code)}
                    </option>
                  ))}
                </select>
              </div>

              <fieldset className="fieldset conditions">
                <legend className="field__label">{t('intake.condition')}</legend>
                {(['opened', 'damaged', 'missingParts'] as const).map((key) => (
                  <div key={key} className="check">
                    <input
                      id={`${id}-${key}`}
                      type="checkbox"
                      className="checkbox"
                      checked={draft[key]}
                      disabled={disabled}
                      onChange={(e) => onChange({ [key]: e.target.checked })}
                    />
                    <label htmlFor={`${id}-${key}`}>{t(`intake.${key}`)}</label>
                  </div>
                ))}
              </fieldset>

              <div className="intake-line__verdict">
                {draft.reasonCode === '' ? (
                  <p className="muted">{t('intake.reasonFirst')}</p>
                ) : verdict ? (
                  <>
                    <VerdictView verdict={verdict.verdict} stale={stale} testId="assess-verdict" />
                    <p className="intake-line__refund">
                      {t('intake.lineRefund', { amount: money(verdictRefund(verdict)) })}
                    </p>
                  </>
                ) : (
                  <p className="muted">{t('intake.assessing')}</p>
                )}
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

function verdictRefund(line: Assessment['lines'][number]) {
  return { amountMinor: line.refund.totalMinor, currency: line.refund.currency };
}
