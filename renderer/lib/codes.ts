import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';
import { CURRENCIES, formatMoney, type Currency } from '../../shared/domain/money';
import { formatBps, formatDay } from './format';

/** A stable code from the backend with optional parameters (eligibility, approval, risk). */
export interface CodedReason {
  code: string;
  params?: Record<string, string | number> | undefined;
}

type Loose = (key: string, options?: Record<string, unknown>) => string;

/**
 * Codes arrive from the backend as strings. Known codes are translated under their prefix;
 * a code this version does not know (a newer back office, Amazon's reports) is shown as is
 * rather than as an i18n key.
 */
function translateOr(
  t: TFunction,
  i18n: I18n,
  key: string,
  fallback: string,
  options: Record<string, unknown> = {},
): string {
  return i18n.exists(key, options) ? (t as unknown as Loose)(key, options) : fallback;
}

const isCurrency = (value: unknown): value is Currency =>
  typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);

/** `timeline` keys are the audit action with its dots folded: `labels.print` → `labelsPrint`. */
export function actionKey(action: string): string {
  return action.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
}

/** Translators for every coded value the returns screens show. */
export function useCodes() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const tr = (key: string, fallback: string, options?: Record<string, unknown>) =>
      translateOr(t, i18n, key, fallback, options);

    const reason = (code: string) => tr(`returns.reason.${code}`, code);
    const category = (code: string) => tr(`returns.category.${code}`, code);

    /** Parameters as people read them: dates, percentages, money, names instead of codes. */
    const readable = (params: CodedReason['params']): Record<string, unknown> => {
      const p: Record<string, unknown> = { ...params };
      for (const key of ['returnBy', 'estimatedDeliveredOn'] as const) {
        if (typeof p[key] === 'string') p[key] = formatDay(p[key], locale);
      }
      if (typeof p.bps === 'number') p.percent = formatBps(p.bps, locale);
      if (typeof p.fromBps === 'number') p.percent = formatBps(p.fromBps, locale);
      if (typeof p.category === 'string') p.category = category(p.category);
      if (typeof p.reason === 'string') p.reason = reason(p.reason);
      if (typeof p.daysLate === 'number') p.count = p.daysLate;
      if (isCurrency(p.currency)) {
        if (typeof p.amountMinor === 'number')
          p.amount = formatMoney({ amountMinor: p.amountMinor, currency: p.currency }, locale);
        if (typeof p.thresholdMinor === 'number')
          p.threshold = formatMoney(
            { amountMinor: p.thresholdMinor, currency: p.currency },
            locale,
          );
      }
      return p;
    };

    return {
      reason,
      category,
      eligibility: (r: CodedReason) =>
        tr(`returns.eligibility.${r.code}`, r.code, readable(r.params)),
      /** Why a manager must look (approval reasons and risk signals share one list). */
      approval: (r: CodedReason) => tr(`returns.approval.${r.code}`, r.code, readable(r.params)),
      grade: (code: string) => tr(`returns.qc.grade.${code}`, code),
      defect: (code: string) => tr(`returns.qc.defect.${code}`, code),
      disposition: (code: string) => tr(`returns.qc.disposition.${code}`, code),
      /** A checklist item: the key the backend sent, else its id. */
      check: (item: { id: string; labelKey: string }) =>
        tr(item.labelKey, tr(`returns.qc.check.${item.id}`, item.id)),
      envTag: (tag: string) => tr(`returns.envTag.${tag}`, tag),
      returnStatus: (status: string) => tr(`returns.status.${status}`, status),
      lineState: (state: string) => tr(`returns.lineState.${state}`, state),
      refundStatus: (status: string) => tr(`refunds.status.${status}`, status),
      refundMethod: (method: string) => tr(`refunds.method.${method}`, method),
      action: (action: string) => tr(`timeline.${actionKey(action)}`, action),
    };
  }, [t, i18n, locale]);
}

export type Codes = ReturnType<typeof useCodes>;
