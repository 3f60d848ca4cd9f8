import 'server-only';
// better-auth over our own Kysely handle (one code path for PGlite and PostgreSQL): e-mail + password
// for the embedded default, OpenID Connect providers from the environment for production, TOTP as the
// second factor, database sessions in httpOnly cookies, origin checks against CSRF, scrypt password
// hashing (the library's), throttled sign-in and every sign-in written to the audit log.
import { betterAuth } from 'better-auth';
// isAPIError, not instanceof: bundlers can load the error class twice (seen under next dev).
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { OidcProvider } from '@/lib/schemas/auth';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import {
  AUTH_ACCOUNT_SCHEMA,
  AUTH_RATE_LIMIT_SCHEMA,
  AUTH_SESSION_SCHEMA,
  AUTH_USER_SCHEMA,
  AUTH_VERIFICATION_SCHEMA,
  TWO_FACTOR_SCHEMA,
} from './auth-schema';
import { checkSignInThrottle, clientAddress, recordSignInFailure, recordSignInSuccess } from './throttle';

export interface AuthConfig {
  secret: string;
  baseURL: string;
  trustedOrigins?: string[];
  oidcProviders?: OidcProvider[];
}

/** Paths whose failures count towards throttling: the password step and the second factor. */
const THROTTLED_PATHS = new Set(['/sign-in/email', '/two-factor/verify-totp', '/two-factor/verify-backup-code']);

/** The same words whatever was wrong (account, password, code or throttling): nothing to enumerate. */
export const SIGN_IN_FAILED_MESSAGE = 'Sign-in failed. Check your e-mail address and password and try again later.';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function createAuthFor(db: Kysely<Database>, config: AuthConfig) {
  const secure = config.baseURL.startsWith('https://');
  const emailOf = (ctx: { body?: unknown }): string => {
    const body = ctx.body as { email?: unknown } | undefined;
    return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  };
  return betterAuth({
    appName: 'Lägesbild',
    secret: config.secret,
    baseURL: config.baseURL,
    trustedOrigins: [config.baseURL, ...(config.trustedOrigins ?? [])],
    basePath: '/api/auth',
    database: { db, type: 'postgres' },
    telemetry: { enabled: false },
    user: { ...AUTH_USER_SCHEMA, additionalFields: { is_demo: { type: 'boolean', required: false, input: false, defaultValue: false, fieldName: 'is_demo' }, disabled: { type: 'boolean', required: false, input: false, defaultValue: false, fieldName: 'disabled' } } },
    session: {
      ...AUTH_SESSION_SCHEMA,
      // A working day; shared municipal computers should not stay signed in overnight.
      expiresIn: SESSION_MAX_AGE_SECONDS,
      updateAge: 60 * 60,
    },
    account: {
      ...AUTH_ACCOUNT_SCHEMA,
      // An administrator provisions a user by e-mail (with roles); their first sign-in through a
      // configured identity provider links to that user. Nobody else gets an account (below).
      accountLinking: { enabled: true, trustedProviders: (config.oidcProviders ?? []).map((p) => p.id), allowDifferentEmails: false },
    },
    verification: AUTH_VERIFICATION_SCHEMA,
    emailAndPassword: {
      enabled: true,
      // Administrators create accounts (admin pages, `lagesbild users create`); nobody signs up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      ...AUTH_RATE_LIMIT_SCHEMA,
      window: 60,
      max: 100,
      // Sign-in has its own throttling (./throttle.ts): the library's per-address rule (3 in 10 s) would
      // refuse colleagues signing in behind one municipal NAT address at the start of a meeting.
      customRules: Object.fromEntries([...THROTTLED_PATHS].map((p) => [p, false])),
    },
    advanced: {
      cookiePrefix: 'lagesbild',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      database: { generateId: () => crypto.randomUUID() },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled user gets no session, whichever way they signed in.
          before: async (session) => {
            const user = await db
              .withTables<{ auth_user: { id: string; disabled: boolean } }>()
              .selectFrom('auth_user')
              .select('disabled')
              .where('id', '=', session.userId)
              .executeTakeFirst();
            if (!user || user.disabled) return false;
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-out') {
          // Logged before it happens: afterwards the session (and with it the user) is gone.
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (session) await appendAuditEvent(db, { actor: session.user.email, action: 'sign_out', resource: 'session' });
          return;
        }
        if (!THROTTLED_PATHS.has(ctx.path)) return;
        const address = clientAddress(ctx.headers);
        const email = emailOf(ctx) || `two-factor:${address}`;
        const check = await checkSignInThrottle(db, { email, address });
        if (!check.allowed) {
          await appendAuditEvent(db, { actor: email, action: 'denied', resource: 'session', details: { reason: 'throttled', path: ctx.path } });
          throw new APIError('TOO_MANY_REQUESTS', { message: SIGN_IN_FAILED_MESSAGE, code: 'TOO_MANY_ATTEMPTS' }, { 'retry-after': String(check.retryAfterSeconds) });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        const failed = isAPIError(returned) || (returned instanceof Response && returned.status >= 400);
        if (THROTTLED_PATHS.has(ctx.path)) {
          const address = clientAddress(ctx.headers);
          const newSession = ctx.context.newSession;
          const email = emailOf(ctx) || newSession?.user.email || `two-factor:${address}`;
          if (failed) {
            const status = isAPIError(returned) ? returned.statusCode : (returned as Response).status;
            // Only wrong credentials count; malformed requests (400) and throttling (429) do not.
            if (status === 401 || status === 403) {
              await recordSignInFailure(db, { email, address });
              await appendAuditEvent(db, { actor: email, action: 'sign_in_failed', resource: 'session', details: { path: ctx.path } });
            }
          } else {
            await recordSignInSuccess(db, { email, address });
            await appendAuditEvent(db, { actor: email, action: newSession ? 'sign_in' : 'sign_in_password_step', resource: 'session', details: { path: ctx.path } });
          }
        } else if (ctx.path.startsWith('/callback/') && ctx.context.newSession) {
          await appendAuditEvent(db, { actor: ctx.context.newSession.user.email, action: 'sign_in', resource: 'session', details: { path: ctx.path } });
        }
      }),
    },
    plugins: [
      twoFactor({
        issuer: 'Lägesbild',
        schema: TWO_FACTOR_SCHEMA,
        // A code must be verified before TOTP counts as enabled.
        skipVerificationOnEnable: false,
      }),
      ...(config.oidcProviders?.length
        ? [
            genericOAuth({
              config: config.oidcProviders.map((p) => ({
                providerId: p.id,
                name: p.name,
                discoveryUrl: `${p.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
                requireIdTokenVerification: true,
                clientId: p.clientId,
                clientSecret: p.clientSecret,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
                // Only users an administrator has provisioned may sign in: the municipality's identity
                // provider knows every employee, not who works with crime prevention.
                disableImplicitSignUp: true,
              })),
            }),
          ]
        : []),
      // Last: lets server actions set the session cookie through next/headers.
      nextCookies(),
    ],
  });
}

export type LagesbildAuth = ReturnType<typeof createAuthFor>;

export function createAuth(db: Kysely<Database>, config: AuthConfig): LagesbildAuth {
  return createAuthFor(db, config);
}
