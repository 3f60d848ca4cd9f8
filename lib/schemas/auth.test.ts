import { describe, expect, it } from 'vitest';
import { membershipInputSchema, parseOidcProviders, safeNextPath, signInInputSchema } from './auth';

describe('auth schemas', () => {
  it('reads OIDC providers from LAGESBILD_OIDC_<NAME>_* variables', () => {
    const providers = parseOidcProviders({
      LAGESBILD_OIDC_POLISEN_ISSUER: 'https://idp.polisen.example',
      LAGESBILD_OIDC_POLISEN_CLIENT_ID: 'a',
      LAGESBILD_OIDC_POLISEN_CLIENT_SECRET: 'b',
      LAGESBILD_OIDC_KOMMUN_ISSUER: 'https://idp.kommun.example',
      LAGESBILD_OIDC_KOMMUN_CLIENT_ID: 'c',
      LAGESBILD_OIDC_KOMMUN_CLIENT_SECRET: 'd',
      LAGESBILD_OIDC_KOMMUN_NAME: 'Värnamo kommun',
      OTHER: 'x',
    });
    expect(providers.map((p) => [p.id, p.name])).toEqual([
      ['kommun', 'Värnamo kommun'],
      ['polisen', 'Polisen'],
    ]);
  });

  it('an incomplete provider names the missing variable', () => {
    expect(() => parseOidcProviders({ LAGESBILD_OIDC_X_ISSUER: 'https://x.example', LAGESBILD_OIDC_X_CLIENT_ID: 'a' })).toThrow(/LAGESBILD_OIDC_X_CLIENT_SECRET/);
  });

  it('no variables, no providers', () => {
    expect(parseOidcProviders({})).toEqual([]);
  });

  it('after sign-in only local paths are followed', () => {
    expect(safeNextPath('/karta?from=2025-01-01')).toBe('/karta?from=2025-01-01');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/logga-in', undefined, 42]) expect(safeNextPath(bad)).toBe('/karta');
  });

  it('e-mail addresses are trimmed and lower-cased', () => {
    expect(signInInputSchema.parse({ email: ' Anna@Kommun.SE ', password: 'x' }).email).toBe('anna@kommun.se');
  });

  it('analyst and partner memberships name their organisation; admin and council do not', () => {
    expect(membershipInputSchema.safeParse({ municipality_code: '0683', role: 'partner' }).success).toBe(false);
    expect(membershipInputSchema.safeParse({ municipality_code: '0683', role: 'council', organisation_id: '00000000-0000-0000-0000-000000000001' }).success).toBe(false);
    expect(membershipInputSchema.safeParse({ municipality_code: '0683', role: 'council' }).success).toBe(true);
  });
});
