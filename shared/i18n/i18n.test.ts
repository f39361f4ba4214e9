import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contracts/errors';
import { ROLES } from '../domain/permissions';
import { MARKETPLACE_CODES } from '../domain/marketplaces';
import {
  CONDITION_GRADES,
  DEFAULT_QC_CHECKLISTS,
  DEFECT_CODE_LIST,
  DISPOSITIONS,
  ELIGIBILITY_REASON_CODES,
  LINE_STATES,
  REFUND_STATES,
  RETURN_REASON_CODES,
  RETURN_STATUSES,
  RISK_SIGNAL_CODES,
} from '../domain/returns';
import { createI18n, resources, SUPPORTED_LANGUAGES } from './index';

/** Every leaf key of a nested message object, dotted. */
function leafKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  );
}

function valueAt(obj: object, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], obj);
}

describe('i18n resources', () => {
  const english = leafKeys(resources.en.translation).sort();

  it('has the same keys in every language', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      expect(leafKeys(resources[lang].translation).sort(), lang).toEqual(english);
    }
  });

  it('has no empty texts', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const key of english) {
        expect(String(valueAt(resources[lang].translation, key)).trim(), `${lang}:${key}`).not.toBe(
          '',
        );
      }
    }
  });

  it('translates every error code, role and marketplace in every language', () => {
    const needed = [
      ...ERROR_CODES.map((code) => `errors.${code}`),
      ...ROLES.map((role) => `roles.${role}`),
      ...MARKETPLACE_CODES.map((code) => `marketplaces.${code}`),
    ];
    for (const lang of SUPPORTED_LANGUAGES) {
      const i18n = createI18n(lang);
      for (const key of needed) {
        expect(typeof valueAt(resources[lang].translation, key), `${lang}:${key}`).toBe('string');
        // i18next returns the key itself when it has no text for it.
        expect(i18n.t(key as never), `${lang}:${key}`).not.toBe(key);
      }
    }
  });

  it('translates every returns code the backend can send (shared/domain/returns/README.md)', () => {
    const checks = new Set(
      Object.values(DEFAULT_QC_CHECKLISTS).flatMap((items) => items.map((i) => i.labelKey)),
    );
    const categories = Object.keys(DEFAULT_QC_CHECKLISTS);
    const needed = [
      ...RETURN_REASON_CODES.map((code) => `returns.reason.${code}`),
      ...ELIGIBILITY_REASON_CODES.map((code) => `returns.eligibility.${code}`),
      ...[
        ...RISK_SIGNAL_CODES,
        'ABOVE_THRESHOLD',
        'NO_THRESHOLD_FOR_CURRENCY',
        'FINANCE_THRESHOLD',
      ].map((code) => `returns.approval.${code}`),
      ...CONDITION_GRADES.map((code) => `returns.qc.grade.${code}`),
      ...DEFECT_CODE_LIST.map((code) => `returns.qc.defect.${code}`),
      ...DISPOSITIONS.map((code) => `returns.qc.disposition.${code}`),
      ...checks,
      ...categories.map((code) => `returns.category.${code}`),
      ...RETURN_STATUSES.map((code) => `returns.status.${code}`),
      ...LINE_STATES.map((code) => `returns.lineState.${code}`),
      ...REFUND_STATES.map((code) => `refunds.status.${code}`),
    ];
    for (const lang of SUPPORTED_LANGUAGES) {
      const i18n = createI18n(lang);
      for (const key of needed) {
        // `count` selects a plural form where the text has one (OUTSIDE_WINDOW).
        expect(i18n.exists(key, { count: 2 }), `${lang}:${key}`).toBe(true);
      }
    }
  });

  it('really translates Chinese (not a copy of the English text)', () => {
    const zh = resources['zh-CN'].translation;
    const same = english.filter(
      (key) => valueAt(zh, key) === valueAt(resources.en.translation, key),
    );
    // Language names are written in their own language, the same in both on purpose.
    expect(same.sort()).toEqual(['language.en', 'language.zh-CN']);
  });

  it('keeps interpolation placeholders the same in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const key of english) {
      expect(placeholders(valueAt(resources['zh-CN'].translation, key)), key).toEqual(
        placeholders(valueAt(resources.en.translation, key)),
      );
    }
  });

  it('creates instances in the requested language and falls back to English', () => {
    expect(createI18n('zh-CN').t('signin.submit')).toBe('登录');
    expect(createI18n('en').t('signin.submit')).toBe('Sign in');
    expect(createI18n('xx').language).toBe('en');
  });
});
