// Users and their roles per municipality. better-auth writes users, accounts and sessions; this layer
// reads them and keeps role_membership.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '@/db/schema';
import { withAuthTables } from './tables';

type Db = Kysely<Database> | Transaction<Database>;

export interface MembershipRow {
  municipality_code: string;
  role: string;
  organisation_id: string | null;
  organisation_name: string | null;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  is_demo: boolean;
  disabled: boolean;
  two_factor_enabled: boolean;
  has_password: boolean;
  created_at: Date;
}

export async function listMemberships(db: Db, userId: string): Promise<MembershipRow[]> {
  return withAuthTables(db)
    .selectFrom('role_membership as m')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.municipality_code', 'm.role', 'm.organisation_id', 'o.name as organisation_name'])
    .where('m.user_id', '=', userId)
    .orderBy('m.municipality_code')
    .orderBy('m.role')
    .execute();
}

export async function insertMembership(db: Db, m: { user_id: string; municipality_code: string; role: string; organisation_id: string | null }): Promise<boolean> {
  const r = await withAuthTables(db).insertInto('role_membership').values(m).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteMembership(db: Db, m: { user_id: string; municipality_code: string; role: string }): Promise<boolean> {
  const r = await withAuthTables(db)
    .deleteFrom('role_membership')
    .where('user_id', '=', m.user_id)
    .where('municipality_code', '=', m.municipality_code)
    .where('role', '=', m.role)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

const userColumns = (db: Kysely<ReturnType<typeof withAuthTables> extends Kysely<infer D> ? D : never>) =>
  db
    .selectFrom('auth_user as u')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.is_demo',
      'u.disabled',
      sql<boolean>`coalesce(u.two_factor_enabled, false)`.as('two_factor_enabled'),
      sql<boolean>`EXISTS (SELECT 1 FROM auth_account a WHERE a.user_id = u.id AND a.provider_id = 'credential' AND a.password IS NOT NULL)`.as('has_password'),
      'u.created_at',
    ]);

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return userColumns(withAuthTables(db)).where('u.email', '=', email.toLowerCase()).executeTakeFirst();
}

export interface SessionUserRow {
  expires_at: Date;
  user: UserRow;
  memberships: MembershipRow[];
}

/**
 * The session of this token with its user and the user's roles, in one round trip (the session lookup
 * runs on every signed-in request). Memberships come in listMemberships' order.
 */
export async function findSessionUser(db: Db, token: string): Promise<SessionUserRow | undefined> {
  const { rows } = await sql<{ expires_at: Date | string; memberships: MembershipRow[] | string } & UserRow>`
    SELECT s.expires_at, u.id, u.email, u.name, u.is_demo, u.disabled,
      coalesce(u.two_factor_enabled, false) AS two_factor_enabled,
      EXISTS (SELECT 1 FROM auth_account a WHERE a.user_id = u.id AND a.provider_id = 'credential' AND a.password IS NOT NULL) AS has_password,
      u.created_at,
      coalesce((
        SELECT json_agg(json_build_object('municipality_code', m.municipality_code, 'role', m.role, 'organisation_id', m.organisation_id, 'organisation_name', o.name) ORDER BY m.municipality_code, m.role)
        FROM role_membership m LEFT JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = u.id), '[]'::json) AS memberships
    FROM auth_session s JOIN auth_user u ON u.id = s.user_id
    WHERE s.token = ${token}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { expires_at, memberships, ...user } = row;
  return {
    expires_at: new Date(expires_at),
    user: { ...user, created_at: new Date(user.created_at) },
    memberships: typeof memberships === 'string' ? (JSON.parse(memberships) as MembershipRow[]) : memberships,
  };
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return userColumns(withAuthTables(db)).where('u.id', '=', id).executeTakeFirst();
}

/** Users holding a role in the municipality (or, without one, every user), by e-mail. */
export async function listUsers(db: Db, options: { municipalityCode?: string; limit: number }): Promise<UserRow[]> {
  return userColumns(withAuthTables(db))
    .$if(Boolean(options.municipalityCode), (b) =>
      b.where(sql<boolean>`EXISTS (SELECT 1 FROM role_membership m WHERE m.user_id = u.id AND m.municipality_code = ${options.municipalityCode})`),
    )
    .orderBy('u.email')
    .limit(options.limit)
    .execute();
}

export async function setUserFlags(db: Db, id: string, flags: { disabled?: boolean; is_demo?: boolean }): Promise<void> {
  await withAuthTables(db).updateTable('auth_user').set({ ...flags, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const r = await withAuthTables(db).deleteFrom('auth_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listDemoUserIds(db: Db): Promise<string[]> {
  const rows = await withAuthTables(db).selectFrom('auth_user').select('id').where('is_demo', '=', true).execute();
  return rows.map((r) => r.id);
}

export async function deleteUsers(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await withAuthTables(db).deleteFrom('auth_user').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findOrganisationIdByKind(db: Db, municipalityCode: string, kind: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('id').where('municipality_code', '=', municipalityCode).where('kind', '=', kind).orderBy('name').limit(1).executeTakeFirst();
  return row?.id;
}

export async function getOrCreateInstanceSecret(db: Db, generated: string): Promise<string> {
  const adb = withAuthTables(db);
  await adb.insertInto('auth_instance').values({ id: 1, secret: generated }).onConflict((oc) => oc.doNothing()).execute();
  const row = await adb.selectFrom('auth_instance').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.secret;
}
