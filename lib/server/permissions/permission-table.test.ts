import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/schemas/auth';
import { ACTIONS, can, EXACT_ACCESS, exactAccessRules, PERMISSIONS, RESOURCES } from './permission-table';

describe('permission table', () => {
  it('signed out (no roles) may do nothing', () => {
    for (const action of ACTIONS) for (const resource of RESOURCES) expect(can([], action, resource)).toBe(false);
  });

  it('council never reads single incidents, only aggregates', () => {
    expect(can(['council'], 'read', 'incident_point')).toBe(false);
    expect(can(['council'], 'read', 'incident_aggregate')).toBe(true);
  });

  it('admin manages users and reads the audit log but sees no incident', () => {
    expect(can(['admin'], 'create', 'user')).toBe(true);
    expect(can(['admin'], 'export', 'audit_log')).toBe(true);
    expect(can(['admin'], 'read', 'incident_point')).toBe(false);
    expect(can(['admin'], 'read', 'incident_aggregate')).toBe(false);
  });

  it('only admin touches users, organisations, memberships, settings and the audit log', () => {
    for (const resource of ['user', 'organisation', 'membership', 'setting', 'audit_log'] as const) {
      for (const role of ROLES.filter((r) => r !== 'admin')) {
        for (const action of ACTIONS) expect(can([role], action, resource), `${role} ${action} ${resource}`).toBe(false);
      }
    }
  });

  it('a partner reports incidents but never deletes or exports them', () => {
    expect(can(['partner'], 'create', 'incident_point')).toBe(true);
    expect(can(['partner'], 'delete', 'incident_point')).toBe(false);
    expect(can(['partner'], 'export', 'incident_point')).toBe(false);
    expect(can(['partner'], 'create', 'analysis')).toBe(false);
  });

  it('roles add up: police plus admin may do what either may', () => {
    expect(can(['police', 'admin'], 'read', 'incident_point')).toBe(true);
    expect(can(['police', 'admin'], 'create', 'user')).toBe(true);
  });

  it('every role has an entry in both tables', () => {
    for (const role of ROLES) {
      expect(PERMISSIONS[role]).toBeDefined();
      expect(EXACT_ACCESS[role]).toBeDefined();
    }
  });
});

describe('exact access rules', () => {
  const org = 'org-1';

  it('sensitive and police-only categories never appear in a partner rule', () => {
    for (const rule of EXACT_ACCESS.partner) expect(rule.sensitivities).toEqual(['normal']);
  });

  it('police-only appears only in police rules', () => {
    for (const role of ROLES.filter((r) => r !== 'police')) {
      for (const rule of EXACT_ACCESS[role]) expect(rule.sensitivities).not.toContain('police-only');
    }
  });

  it('restricted records are only ever granted to their own organisation', () => {
    for (const role of ROLES) {
      for (const rule of EXACT_ACCESS[role]) if (rule.visibilities.includes('restricted')) expect(rule.ownOrganisationOnly).toBe(true);
    }
  });

  it('council and admin get no exact rule at all', () => {
    expect(exactAccessRules([{ role: 'council', organisationId: null }, { role: 'admin', organisationId: null }], { meetingMode: false })).toEqual([]);
  });

  it('meeting mode leaves only joint records of normal or sensitive categories', () => {
    const rules = exactAccessRules([{ role: 'police', organisationId: org }], { meetingMode: true });
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.visibilities).toEqual(['joint']);
      expect(rule.sensitivities).not.toContain('police-only');
    }
  });

  it('an own-organisation rule is dropped when the membership names no organisation', () => {
    const rules = exactAccessRules([{ role: 'partner', organisationId: null }], { meetingMode: false });
    expect(rules).toEqual([{ visibilities: ['partners'], organisationId: null, sensitivities: ['normal'] }]);
  });

  it('own-organisation rules carry the organisation of the membership that grants them', () => {
    const rules = exactAccessRules([{ role: 'municipality', organisationId: org }], { meetingMode: false });
    expect(rules.find((r) => r.visibilities.includes('restricted'))?.organisationId).toBe(org);
    expect(rules.find((r) => r.visibilities.includes('joint'))?.organisationId).toBeNull();
  });
});
