import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contracts/errors';
import { ROLES } from '../domain/permissions';
import { MARKETPLACE_CODES } from '../domain/marketplaces';
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
