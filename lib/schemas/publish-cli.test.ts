import { describe, expect, it } from 'vitest';
import { publishArgsSchema } from './publish-cli';

describe('publishArgsSchema changelog', () => {
  it('keeps a changelog of 2000 characters', () => {
    const text = 'å'.repeat(2000);
    expect(publishArgsSchema.parse({ quarter: '2026-Q3', changelog: text }).changelog).toBe(text);
  });

  it('refuses a longer one, naming the option and the limit', () => {
    const r = publishArgsSchema.safeParse({ quarter: '2026-Q3', changelog: 'x'.repeat(2001) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['changelog', '--changelog is at most 2000 characters']]);
  });

  it('refuses one that is only blanks', () => {
    const r = publishArgsSchema.safeParse({ quarter: '2026-Q3', changelog: '   ' });
    expect(r.error?.issues[0].message).toBe('--changelog must say what changed');
  });
});
