import 'server-only';
// What administrators do with users (admin pages and `lagesbild users`): create, reset a password,
// grant and revoke roles, disable. Each change is written to the audit log in the same transaction
// where the database allows it.
import type { Kysely } from 'kysely';
import { deleteMembership, deleteSessionsOfUser, findUserByEmail, findUserById, insertMembership, setUserFlags, type UserRow } from '@/db/queries/auth/users';
import type { Database } from '@/db/schema';
import { type MembershipInput, membershipInputSchema, passwordSchema, type UserCreateInput, userCreateInputSchema } from '@/lib/schemas/auth';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import type { LagesbildAuth } from './create-auth';

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`A user with the e-mail ${email} already exists`);
    this.name = 'UserExistsError';
  }
}

export class UserNotFoundError extends Error {
  constructor(ref: string) {
    super(`No user ${ref}`);
    this.name = 'UserNotFoundError';
  }
}

export async function createUser(db: Kysely<Database>, auth: LagesbildAuth, input: UserCreateInput, options: { actor: string; isDemo?: boolean }): Promise<UserRow> {
  const data = userCreateInputSchema.parse(input);
  if (await findUserByEmail(db, data.email)) throw new UserExistsError(data.email);
  const ctx = await auth.$context;
  const user = await ctx.internalAdapter.createUser({ email: data.email, name: data.name, emailVerified: true }, { method: 'admin' });
  if (data.password) {
    await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: await ctx.password.hash(data.password) });
  }
  if (options.isDemo) await setUserFlags(db, user.id, { is_demo: true });
  for (const m of data.memberships) await insertMembership(db, { user_id: user.id, ...m });
  await appendAuditEvent(db, {
    actor: options.actor,
    action: 'create',
    resource: 'user',
    details: { user: data.email, memberships: data.memberships, demo: options.isDemo || undefined },
  });
  return (await findUserById(db, user.id))!;
}

async function requireUser(db: Kysely<Database>, email: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new UserNotFoundError(email);
  return user;
}

/** An administrator sets a new password: every session of the user ends. */
export async function resetUserPassword(db: Kysely<Database>, auth: LagesbildAuth, email: string, password: string, options: { actor: string }): Promise<void> {
  const user = await requireUser(db, email);
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(passwordSchema.parse(password));
  const accounts = await ctx.internalAdapter.findAccounts(user.id);
  if (accounts.some((a) => a.providerId === 'credential')) await ctx.internalAdapter.updatePassword(user.id, hash);
  else await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
  await deleteSessionsOfUser(db, user.id);
  await appendAuditEvent(db, { actor: options.actor, action: 'update', resource: 'user', details: { user: user.email, change: 'password_reset' } });
}

export async function grantRole(db: Kysely<Database>, email: string, membership: MembershipInput, options: { actor: string }): Promise<boolean> {
  const user = await requireUser(db, email);
  const m = membershipInputSchema.parse(membership);
  const added = await insertMembership(db, { user_id: user.id, ...m });
  await appendAuditEvent(db, { actor: options.actor, action: 'create', resource: 'membership', municipalityCode: m.municipality_code, details: { user: user.email, role: m.role, organisation_id: m.organisation_id, changed: added } });
  return added;
}

export async function revokeRole(db: Kysely<Database>, email: string, membership: Pick<MembershipInput, 'municipality_code' | 'role'>, options: { actor: string }): Promise<boolean> {
  const user = await requireUser(db, email);
  const removed = await deleteMembership(db, { user_id: user.id, municipality_code: membership.municipality_code, role: membership.role });
  // Roles are read per request, but a session that was granted more should not outlive the change.
  if (removed) await deleteSessionsOfUser(db, user.id);
  await appendAuditEvent(db, { actor: options.actor, action: 'delete', resource: 'membership', municipalityCode: membership.municipality_code, details: { user: user.email, role: membership.role, changed: removed } });
  return removed;
}

export async function setUserDisabled(db: Kysely<Database>, email: string, disabled: boolean, options: { actor: string }): Promise<void> {
  const user = await requireUser(db, email);
  await setUserFlags(db, user.id, { disabled });
  if (disabled) await deleteSessionsOfUser(db, user.id);
  await appendAuditEvent(db, { actor: options.actor, action: 'update', resource: 'user', details: { user: user.email, change: disabled ? 'disabled' : 'enabled' } });
}
