// Sign-in (better-auth's tables, mapped to snake_case in lib/server/auth/auth-schema.ts), roles held per
// municipality, sign-in throttling, and the audit log's retention purge. Raw SQL so the same statements
// run on PGlite and PostgreSQL. Imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
-- The pair (id, municipality_code) is what a membership references: a membership's organisation
-- must belong to the membership's municipality.
ALTER TABLE organisation ADD CONSTRAINT organisation_id_tenant_unique UNIQUE (id, municipality_code);

CREATE TABLE auth_user (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  email_verified boolean NOT NULL DEFAULT false,
  image text,
  two_factor_enabled boolean DEFAULT false,
  -- Demo users exist only while the demo seed's data is in use (lib/server/auth/demo-users.ts).
  is_demo boolean NOT NULL DEFAULT false,
  -- A disabled user cannot sign in and their sessions are deleted.
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_session (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES auth_user(id) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  ip_address text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_session_user_idx ON auth_session (user_id);

CREATE TABLE auth_account (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES auth_user(id) ON DELETE CASCADE,
  account_id text NOT NULL,
  provider_id text NOT NULL,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  password text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_account_user_idx ON auth_account (user_id);
CREATE UNIQUE INDEX auth_account_provider_idx ON auth_account (provider_id, account_id);

CREATE TABLE auth_verification (
  id text PRIMARY KEY,
  identifier text NOT NULL,
  value text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_verification_identifier_idx ON auth_verification (identifier);

CREATE TABLE auth_two_factor (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES auth_user(id) ON DELETE CASCADE,
  secret text NOT NULL,
  backup_codes text NOT NULL,
  verified boolean DEFAULT true,
  failed_verification_count integer DEFAULT 0,
  locked_until timestamptz
);
CREATE INDEX auth_two_factor_user_idx ON auth_two_factor (user_id);
CREATE INDEX auth_two_factor_secret_idx ON auth_two_factor (secret);

CREATE TABLE auth_rate_limit (
  id text PRIMARY KEY,
  key text NOT NULL UNIQUE,
  count integer NOT NULL,
  last_request bigint NOT NULL
);

-- The signing secret when LAGESBILD_AUTH_SECRET is unset (embedded default): generated once, kept here.
CREATE TABLE auth_instance (
  id integer PRIMARY KEY CHECK (id = 1),
  secret text NOT NULL CHECK (length(secret) >= 32)
);

-- Sign-in throttling (lib/server/auth/throttle.ts). key is a sha256 of 'account:…', 'ip:…' or
-- 'pair:…|…': no e-mail address or client address is stored in clear.
CREATE TABLE auth_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at timestamptz,
  blocked_until timestamptz,
  last_success_at timestamptz
);

-- user × municipality × role, with the user's organisation in that municipality (none for admin and council).
CREATE TABLE role_membership (
  user_id text NOT NULL REFERENCES auth_user(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'police', 'municipality', 'partner', 'council')),
  organisation_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, municipality_code, role),
  FOREIGN KEY (organisation_id, municipality_code) REFERENCES organisation(id, municipality_code) ON DELETE CASCADE,
  CONSTRAINT role_membership_org_required CHECK (role IN ('admin', 'council') OR organisation_id IS NOT NULL)
);
CREATE INDEX role_membership_municipality_idx ON role_membership (municipality_code);

CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);

-- Retention: rows older than the retention setting may be deleted, oldest first, only by
-- purgeAuditEvents (which sets lagesbild.audit_purge for its transaction and appends a row naming
-- the last deleted hash, so verify can anchor the chain). Everything else stays rejected.
CREATE FUNCTION lagesbild_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('lagesbild.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION lagesbild_audit_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION lagesbild_reject_change();
`;

const DOWN = `
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION lagesbild_reject_change();
DROP FUNCTION IF EXISTS lagesbild_audit_guard();
DROP INDEX IF EXISTS audit_event_actor_idx;
DROP TABLE IF EXISTS role_membership, auth_throttle, auth_instance, auth_rate_limit, auth_two_factor,
  auth_verification, auth_account, auth_session, auth_user;
ALTER TABLE organisation DROP CONSTRAINT IF EXISTS organisation_id_tenant_unique;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
