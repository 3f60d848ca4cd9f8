// Kysely's view of the tables of db/migrations/20261125T1300-auth.ts. Kept beside the queries that use
// them (db/schema.ts describes the initial schema); callers widen their handle with `withAuthTables`.
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database } from '@/db/schema';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: ColumnType<boolean, boolean | undefined, boolean>;
  image: string | null;
  two_factor_enabled: ColumnType<boolean | null, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ip_address: string | null;
  user_agent: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AuthAccountTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  password: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AuthTwoFactorTable {
  id: string;
  user_id: string;
  secret: string;
  backup_codes: string;
}

export interface AuthInstanceTable {
  id: number;
  secret: string;
}

export interface AuthThrottleTable {
  key: string;
  failures: ColumnType<number, number | undefined, number>;
  last_failure_at: NullableTimestamp;
  blocked_until: NullableTimestamp;
  last_success_at: NullableTimestamp;
}

export interface RoleMembershipTable {
  user_id: string;
  municipality_code: string;
  role: string;
  organisation_id: string | null;
  created_at: DefaultTimestamp;
}

export type AuthTables = {
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_two_factor: AuthTwoFactorTable;
  auth_instance: AuthInstanceTable;
  auth_throttle: AuthThrottleTable;
  role_membership: RoleMembershipTable;
};

export type AuthDatabase = Database & AuthTables;

/** The same handle (or transaction) typed with the auth tables too. */
export function withAuthTables(db: Kysely<Database> | Transaction<Database>): Kysely<AuthDatabase> {
  return db.withTables<AuthTables>();
}
