import 'server-only';
// The admin pages' use cases. An administrator works in the municipalities where they hold the admin
// role: users with roles there, organisations there, and audit events of those municipalities (plus the
// events that belong to none, such as sign-ins). Every read and change is audited; a refusal too.
import { notFound, redirect } from 'next/navigation';
import { type AuditChainRow, searchAuditRows } from '@/db/queries/audit/audit-chain';
import { listOrganisationsIn, type OrganisationListRow } from '@/db/queries/auth/organisations';
import { listMemberships, listUsers, type MembershipRow, type UserRow } from '@/db/queries/auth/users';
import { createOrganisation } from '@/db/queries/entities/organisation';
import { type AuditQuery, auditQuerySchema, membershipInputSchema, membershipRefSchema, userCreateInputSchema } from '@/lib/schemas/auth';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { auditCsvHeader, auditCsvLine } from '@/lib/server/audit/audit-csv';
import { auditRetentionDays } from '@/lib/server/audit/purge-audit-events';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { getDb } from '@/lib/server/db';
import { getAuth } from './get-auth';
import { createUser, grantRole, resetUserPassword, revokeRole, setUserDisabled } from './manage-users';
import { getSignedInUser, needsTwoFactorEnrolment, type SignedInUser } from './session';

export interface AdminContext {
  user: SignedInUser;
  /** Municipalities where the user holds the admin role. */
  municipalities: string[];
}

function adminMunicipalities(user: SignedInUser): string[] {
  return [...new Set(user.memberships.filter((m) => m.role === 'admin').map((m) => m.municipality_code))];
}

/** For admin pages: signed in (with TOTP where required) and admin somewhere, else sign-in / 404. */
export async function requireAdmin(): Promise<AdminContext> {
  const user = await getSignedInUser(undefined, { allowPendingTwoFactor: true });
  if (!user) redirect('/logga-in?next=%2Fadmin');
  if (needsTwoFactorEnrolment(user)) redirect('/logga-in/tvastegs/aktivera');
  const municipalities = adminMunicipalities(user);
  if (municipalities.length === 0) {
    await appendAuditEvent(await getDb(), { actor: user.email, action: 'denied', resource: 'admin', details: { reason: 'role' } });
    notFound();
  }
  return { user, municipalities };
}

/** For admin server actions and routes: the admin context or null (signed out or not admin), no redirects. */
export async function findAdmin(requestHeaders?: Headers): Promise<AdminContext | null> {
  const user = await getSignedInUser(requestHeaders);
  if (!user || needsTwoFactorEnrolment(user)) return null;
  const municipalities = adminMunicipalities(user);
  return municipalities.length ? { user, municipalities } : null;
}

export class AdminRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminRefusedError';
  }
}

async function assertMunicipality(admin: AdminContext, code: string, what: string): Promise<void> {
  if (!admin.municipalities.includes(code)) {
    await appendAuditEvent(await getDb(), { actor: admin.user.email, action: 'denied', resource: what, municipalityCode: code, details: { reason: 'not admin in municipality' } });
    throw new AdminRefusedError(`You are not an administrator in ${code}`);
  }
}

export interface AdminUserView extends UserRow {
  memberships: MembershipRow[];
}

export async function listAdminUsers(admin: AdminContext): Promise<AdminUserView[]> {
  const db = await getDb();
  const seen = new Map<string, AdminUserView>();
  for (const code of admin.municipalities) {
    for (const u of await listUsers(db, { municipalityCode: code, limit: 5000 })) {
      if (!seen.has(u.id)) seen.set(u.id, { ...u, memberships: await listMemberships(db, u.id) });
    }
  }
  const users = [...seen.values()].sort((a, b) => a.email.localeCompare(b.email));
  await appendAuditEvent(db, { actor: admin.user.email, action: 'read', resource: 'user', details: { municipalities: admin.municipalities }, ids: users.map((u) => u.id) });
  return users;
}

export async function adminCreateUser(admin: AdminContext, input: unknown): Promise<UserRow> {
  const data = userCreateInputSchema.parse(input);
  for (const m of data.memberships) await assertMunicipality(admin, m.municipality_code, 'membership');
  const db = await getDb();
  return createUser(db, await getAuth(), data, { actor: admin.user.email });
}

export async function adminGrantRole(admin: AdminContext, email: string, membership: unknown): Promise<boolean> {
  const m = membershipInputSchema.parse(membership);
  await assertMunicipality(admin, m.municipality_code, 'membership');
  return grantRole(await getDb(), email, m, { actor: admin.user.email });
}

export async function adminRevokeRole(admin: AdminContext, email: string, membership: unknown): Promise<boolean> {
  const m = membershipRefSchema.parse(membership);
  await assertMunicipality(admin, m.municipality_code, 'membership');
  return revokeRole(await getDb(), email, m, { actor: admin.user.email });
}

/** Only users who hold a role where the admin is admin can be reset or disabled by them. */
async function assertUserInScope(admin: AdminContext, email: string): Promise<void> {
  const users = await listAdminUsers(admin);
  if (!users.some((u) => u.email === email.toLowerCase())) {
    await appendAuditEvent(await getDb(), { actor: admin.user.email, action: 'denied', resource: 'user', details: { user: email, reason: 'not in scope' } });
    throw new AdminRefusedError('No such user in your municipalities');
  }
}

export async function adminResetPassword(admin: AdminContext, email: string, password: string): Promise<void> {
  await assertUserInScope(admin, email);
  await resetUserPassword(await getDb(), await getAuth(), email, password, { actor: admin.user.email });
}

export async function adminSetDisabled(admin: AdminContext, email: string, disabled: boolean): Promise<void> {
  if (email.toLowerCase() === admin.user.email) throw new AdminRefusedError('You cannot disable yourself');
  await assertUserInScope(admin, email);
  await setUserDisabled(await getDb(), email, disabled, { actor: admin.user.email });
}

export async function listAdminOrganisations(admin: AdminContext): Promise<OrganisationListRow[]> {
  return listOrganisationsIn(await getDb(), admin.municipalities);
}

export async function adminCreateOrganisation(admin: AdminContext, municipalityCode: string, input: { name: unknown; kind: unknown }): Promise<void> {
  await assertMunicipality(admin, municipalityCode, 'organisation');
  const db = await getDb();
  const org = await createOrganisation(db, municipalityCode, input as never);
  await appendAuditEvent(db, { actor: admin.user.email, action: 'create', resource: 'organisation', municipalityCode, details: { id: org.id, name: org.name, kind: org.kind } });
}

export interface AuditPage {
  rows: AuditChainRow[];
  nextBeforeId: number | null;
  retentionDays: number;
}

function scopedQuery(admin: AdminContext, query: AuditQuery): AuditQuery {
  // An explicit municipality must be one of the admin's; without one, the admin's first municipality's and
  // the unscoped events are both shown by the search below.
  if (query.municipality_code && !admin.municipalities.includes(query.municipality_code)) throw new AdminRefusedError('Not your municipality');
  return query;
}

/** One page of the audit log, newest first; the search itself is logged. */
export async function searchAdminAuditLog(admin: AdminContext, rawQuery: unknown): Promise<AuditPage> {
  const query = scopedQuery(admin, auditQuerySchema.parse(rawQuery));
  const db = await getDb();
  const rows = (await searchAuditRows(db, { ...query, limit: query.limit + 1 })).filter((r) => r.municipality_code === null || admin.municipalities.includes(r.municipality_code));
  const page = rows.slice(0, query.limit);
  await appendAuditEvent(db, { actor: admin.user.email, action: 'read', resource: 'audit_log', details: { filter: query }, ids: page.map((r) => r.id) });
  return { rows: page, nextBeforeId: rows.length > query.limit ? page[page.length - 1].id : null, retentionDays: auditRetentionDays() };
}

/** The matching events as CSV (formula cells neutralised), oldest first; the export is logged. */
export async function exportAdminAuditCsv(admin: AdminContext, rawQuery: unknown): Promise<string> {
  const query = scopedQuery(admin, auditQuerySchema.parse({ ...(rawQuery as object), limit: 500 }));
  const db = await getDb();
  const rows: AuditChainRow[] = [];
  let before = query.before_id;
  for (let i = 0; i < 200; i++) {
    const page = await searchAuditRows(db, { ...query, before_id: before, limit: 500 });
    if (page.length === 0) break;
    rows.push(...page.filter((r) => r.municipality_code === null || admin.municipalities.includes(r.municipality_code)));
    before = page[page.length - 1].id;
  }
  rows.reverse();
  await appendAuditEvent(db, { actor: admin.user.email, action: 'export', resource: 'audit_log', details: { filter: { ...query, limit: undefined } }, ids: rows.map((r) => r.id) });
  return auditCsvHeader() + rows.map(auditCsvLine).join('');
}

export async function verifyAuditLogAsAdmin(admin: AdminContext) {
  const db = await getDb();
  const result = await verifyAuditChain(db);
  await appendAuditEvent(db, { actor: admin.user.email, action: 'audit.verify', resource: 'audit_log', details: { ok: result.ok, broken_id: result.ok ? undefined : result.brokenId }, resultCount: result.checked });
  return result;
}
