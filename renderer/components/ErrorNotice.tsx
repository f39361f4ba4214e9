import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../shared/contracts';
import { ERROR_CODES, type ErrorCode } from '../../shared/contracts/errors';
import { formatDateTime } from '../lib/format';
import { UNREACHABLE } from '../api/envelope';

function knownCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

function detailNumber(details: unknown, key: string): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function detailString(details: unknown, key: string): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

export function isUnreachable(error: AppErrorBody): boolean {
  return error.code === 'INTERNAL' && error.message === UNREACHABLE.message;
}

/** The translated lines an error shows: what happened, then what to know about it. */
export function useErrorLines(error: AppErrorBody, timeZone?: string): string[] {
  const { t, i18n } = useTranslation();
  const lines: string[] = [t(`errors.${knownCode(error.code)}`)];
  const attemptsLeft = detailNumber(error.details, 'attemptsLeft');
  if (attemptsLeft !== null) lines.push(t('errorDetail.attemptsLeft', { count: attemptsLeft }));
  const lockedUntil = detailString(error.details, 'lockedUntil');
  if (lockedUntil !== null) {
    const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    lines.push(
      t('errorDetail.lockedUntil', { time: formatDateTime(lockedUntil, i18n.language, zone) }),
    );
  }
  if (isUnreachable(error)) lines.push(t('errorDetail.unreachable'));
  return lines;
}

interface ErrorNoticeProps {
  error: AppErrorBody;
  /** Time zone for times in the details (the store's). */
  timeZone?: string;
  onRetry?: () => void;
  testId?: string;
  className?: string;
}

/** An error as a value: translated by code, with the backend's message as a detail. */
export function ErrorNotice({ error, timeZone, onRetry, testId, className }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const [headline, ...rest] = useErrorLines(error, timeZone);
  return (
    <div
      role="alert"
      className={`notice notice--error ${className ?? ''}`}
      data-testid={testId}
      data-code={error.code}
    >
      <p className="notice__headline">{headline}</p>
      {rest.map((line) => (
        <p key={line} className="notice__line">
          {line}
        </p>
      ))}
      {error.message && !isUnreachable(error) && (
        <p className="notice__technical">
          {t('errorDetail.technical', { message: error.message })}
        </p>
      )}
      {onRetry && (
        <button type="button" className="btn btn--secondary btn--small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
