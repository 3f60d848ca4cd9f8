import { describe, expect, it } from 'vitest';
import { heldRolesIn, needsTwoFactorEnrolment, type SignedInUser } from './session';

const base: SignedInUser = { id: 'u', email: 'a@example.se', name: 'A', isDemo: false, twoFactorEnabled: false, hasPassword: true, memberships: [], meetingMode: false };
const member = (role: string, municipality_code = '0683', organisation_id: string | null = 'org') => ({ municipality_code, role, organisation_id, organisation_name: null });

describe('two-factor requirement', () => {
  it('police, municipality and admin must enrol TOTP; partner and council need not', () => {
    for (const role of ['police', 'municipality', 'admin']) expect(needsTwoFactorEnrolment({ ...base, memberships: [member(role)] }), role).toBe(true);
    for (const role of ['partner', 'council']) expect(needsTwoFactorEnrolment({ ...base, memberships: [member(role)] }), role).toBe(false);
  });

  it('one such role anywhere is enough to require it', () => {
    expect(needsTwoFactorEnrolment({ ...base, memberships: [member('council'), member('police', '0684')] })).toBe(true);
  });

  it('users without a password (identity provider only) rely on the provider and are not sent to enrolment', () => {
    expect(needsTwoFactorEnrolment({ ...base, hasPassword: false, memberships: [member('police')] })).toBe(false);
  });

  it('enrolled users and demo users are not sent to enrolment', () => {
    expect(needsTwoFactorEnrolment({ ...base, twoFactorEnabled: true, memberships: [member('police')] })).toBe(false);
    expect(needsTwoFactorEnrolment({ ...base, isDemo: true, memberships: [member('police')] })).toBe(false);
  });
});

describe('roles per municipality', () => {
  it('a viewer holds only the roles of the municipality being looked at', () => {
    const user = { ...base, memberships: [member('police', '0683', 'p1'), member('partner', '0684', 'h2')] };
    expect(heldRolesIn(user, '0683')).toEqual([{ role: 'police', organisationId: 'p1' }]);
    expect(heldRolesIn(user, '0685')).toEqual([]);
  });
});
