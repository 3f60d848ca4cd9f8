import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-local-path';

describe('safeLocalPath', () => {
  it('keeps a local path with its query', () => {
    expect(safeLocalPath('/karta?from=2025-01-01')).toBe('/karta?from=2025-01-01');
  });

  it('refuses other sites, however they are spelled', () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'evil.example', '', null]) {
      expect(safeLocalPath(next)).toBe('/');
    }
  });

  it('refuses control characters that would split the Location header', () => {
    expect(safeLocalPath('/karta\r\nSet-Cookie: x=1')).toBe('/');
  });
});
