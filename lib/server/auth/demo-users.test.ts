import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/schemas/auth';
import { assertDemoModeAllowed, DEMO_USERS, DemoModeRefusedError } from './demo-users';

describe('demo users', () => {
  it('there is one per role', () => {
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual([...ROLES].sort());
  });

  it('the README documents each e-mail and password', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Demo users'));
    for (const u of DEMO_USERS) {
      expect(section).toContain(u.email);
      expect(section).toContain(u.password);
    }
  });

  it('demo mode refuses to run beside a configured OpenID Connect provider', () => {
    const env = { LAGESBILD_OIDC_KOMMUN_ISSUER: 'https://idp.example', LAGESBILD_OIDC_KOMMUN_CLIENT_ID: 'a', LAGESBILD_OIDC_KOMMUN_CLIENT_SECRET: 'b' };
    expect(() => assertDemoModeAllowed(env)).toThrow(DemoModeRefusedError);
    expect(() => assertDemoModeAllowed(env)).toThrow(/LAGESBILD_DEMO=off/);
    expect(() => assertDemoModeAllowed({})).not.toThrow();
  });
});
