import { describe, expect, it } from 'vitest';
import { resolveDisclosureK } from './disclosure-threshold';

describe('resolveDisclosureK', () => {
  it('defaults to 5 for the public', () => {
    expect(resolveDisclosureK('public')).toBe(5);
  });

  it('defaults to 3 for the council', () => {
    expect(resolveDisclosureK('council')).toBe(3);
  });

  it('refuses a k below 3', () => {
    expect(() => resolveDisclosureK('council', 2)).toThrow(/at least 3/);
  });

  it('accepts a larger k from a setting', () => {
    expect(resolveDisclosureK('public', 10)).toBe(10);
  });
});
