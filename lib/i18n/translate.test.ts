import { describe, expect, it } from 'vitest';
import { en } from './messages/en';
import { sv } from './messages/sv';
import { getTranslator, resolveLocale } from './translate';

describe('i18n', () => {
  it('English has exactly the Swedish keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('Swedish is the default when neither query nor cookie names a language', () => {
    expect(resolveLocale({})).toBe('sv');
    expect(resolveLocale({ query: 'de', cookie: 'xx' })).toBe('sv');
  });

  it('the query parameter wins over the cookie', () => {
    expect(resolveLocale({ query: 'en', cookie: 'sv' })).toBe('en');
    expect(resolveLocale({ cookie: 'en' })).toBe('en');
  });

  it('parameters are filled in and numbers formatted for the locale', () => {
    expect(getTranslator('sv')('map.pointsShown', { count: 12345 })).toBe('12\u00a0345 händelser visas');
    expect(getTranslator('en')('map.pointsShown', { count: 12345 })).toBe('12,345 incidents shown');
  });
});
