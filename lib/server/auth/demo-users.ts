import 'server-only';
// Demo users: one per role, with fixed passwords documented in README.md ("## Demo users"). They exist
// only while the demo seed's data is in use, and never when an OpenID Connect provider is configured
// (a real identity provider means real users: published passwords must not sign in beside them).
import type { Kysely } from 'kysely';
import { deleteUsers, findOrganisationIdByKind, listDemoUserIds } from '@/db/queries/auth/users';
import type { Database } from '@/db/schema';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { parseOidcProviders, type Role } from '@/lib/schemas/auth';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import type { LagesbildAuth } from './create-auth';
import { createUser } from './manage-users';

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  role: Role;
  /** Organisation kind in the demo municipality (DEMO organisations of db/seed/demo). */
  organisationKind: string | null;
}

/** Keep in step with README.md "## Demo users". */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.lagesbild.example', password: 'demo-admin-0683', name: 'Demo Administratör', role: 'admin', organisationKind: null },
  { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683', name: 'Demo Kommunpolis', role: 'police', organisationKind: 'police' },
  { email: 'kommun@demo.lagesbild.example', password: 'demo-kommun-0683', name: 'Demo Trygghetssamordnare', role: 'municipality', organisationKind: 'municipality' },
  { email: 'partner@demo.lagesbild.example', password: 'demo-partner-0683', name: 'Demo Bostadsbolag', role: 'partner', organisationKind: 'housing' },
  { email: 'bra@demo.lagesbild.example', password: 'demo-bra-0683', name: 'Demo Brårådsledamot', role: 'council', organisationKind: null },
];

export class DemoModeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoModeRefusedError';
  }
}

/** Throws when an OIDC provider is configured: demo mode and real sign-in never run together. */
export function assertDemoModeAllowed(env: Record<string, string | undefined> = process.env): void {
  const providers = parseOidcProviders(env);
  if (providers.length > 0) {
    throw new DemoModeRefusedError(
      `Demo mode refuses to run while an OpenID Connect provider is configured (${providers.map((p) => p.id).join(', ')}): set LAGESBILD_DEMO=off or remove the LAGESBILD_OIDC_* variables.`,
    );
  }
}

/** Replaces the demo users (after a demo seed): one per role in the demo municipality. */
export async function createDemoUsers(db: Kysely<Database>, auth: LagesbildAuth, options: { actor: string }): Promise<number> {
  assertDemoModeAllowed();
  await removeDemoUsers(db, options);
  for (const u of DEMO_USERS) {
    const organisationId = u.organisationKind ? await findOrganisationIdByKind(db, DEMO_MUNICIPALITY_CODE, u.organisationKind) : null;
    if (u.organisationKind && !organisationId) throw new Error(`The demo data has no ${u.organisationKind} organisation`);
    await createUser(
      db,
      auth,
      { email: u.email, name: u.name, password: u.password, memberships: [{ municipality_code: DEMO_MUNICIPALITY_CODE, role: u.role, organisation_id: organisationId }] },
      { actor: options.actor, isDemo: true },
    );
  }
  return DEMO_USERS.length;
}

export async function removeDemoUsers(db: Kysely<Database>, options: { actor: string }): Promise<number> {
  const ids = await listDemoUserIds(db);
  const n = await deleteUsers(db, ids);
  if (n > 0) await appendAuditEvent(db, { actor: options.actor, action: 'delete', resource: 'user', details: { demo_users: n } });
  return n;
}
