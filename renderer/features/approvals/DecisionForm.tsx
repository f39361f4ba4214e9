import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, RefundRequest } from '../../../shared/contracts';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { newId } from '../../lib/ids';

export type Decision = 'approved' | 'denied';
export const MIN_DENY_COMMENT = 3;

/**
 * Approve or deny one refund request with a comment (required to deny). `authorise` runs
 * first and answers the step-up grant to send (or an error); without it the decision is made
 * with the signed-in manager's own session.
 */
export function DecisionForm({
  request,
  authorise,
  ready = true,
  disabled,
  onDecided,
  onCancel,
  children,
}: {
  request: RefundRequest;
  authorise?: () => Promise<{ grantId: string } | { error: AppErrorBody }>;
  /** False while something the form needs (the manager's PIN) is missing. */
  ready?: boolean;
  disabled?: boolean;
  onDecided: (request: RefundRequest) => void;
  onCancel?: () => void;
  /** Fields shown above the comment (the manager's username and PIN). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [commentMissing, setCommentMissing] = useState(false);
  // One decision id per form: a retried call cannot decide twice.
  const decisionId = useRef(newId());

  const decide = async (decision: Decision) => {
    if (busy || !ready) return;
    if (decision === 'denied' && comment.trim().length < MIN_DENY_COMMENT) {
      setCommentMissing(true);
      return;
    }
    setCommentMissing(false);
    setBusy(true);
    setError(null);
    let grantId: string | undefined;
    if (authorise) {
      const grant = await authorise();
      if ('error' in grant) {
        setBusy(false);
        setError(grant.error);
        return;
      }
      grantId = grant.grantId;
    }
    const answer = await api.call('approvals.decide', {
      id: decisionId.current,
      refundRequestId: request.id,
      decision,
      comment: comment.trim(),
      ...(grantId ? { grantId } : {}),
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onDecided(answer.data);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void decide('approved');
  };

  const off = busy || disabled;
  return (
    <form className="decision" onSubmit={onSubmit} noValidate>
      {children}
      <div className="field">
        <label htmlFor={`${id}-comment`} className="field__label">
          {t('approvals.comment')}
        </label>
        <input
          id={`${id}-comment`}
          className={`input ${commentMissing ? 'input--invalid' : ''}`}
          maxLength={1000}
          value={comment}
          disabled={off}
          aria-invalid={commentMissing || undefined}
          aria-describedby={`${id}-comment-hint`}
          onChange={(e) => setComment(e.target.value)}
        />
        <p id={`${id}-comment-hint`} className="field__hint">
          {t('approvals.commentHint')}
        </p>
        {commentMissing && (
          <p className="field__error" role="alert">
            {t('approvals.denyNeedsComment')}
          </p>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="decision__actions">
        {onCancel && (
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {t('app.cancel')}
          </button>
        )}
        <button
          type="button"
          className="btn btn--danger"
          disabled={off || !ready}
          onClick={() => void decide('denied')}
        >
          {t('approvals.deny')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={off || !ready}>
          {busy ? t('approvals.deciding') : t('approvals.approve')}
        </button>
      </div>
    </form>
  );
}
