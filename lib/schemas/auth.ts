// zod for every boundary of sign-in, roles and the audit log: forms, admin API bodies, CLI args, env.
import { z } from 'zod';
import { municipalityCodeSchema, uuidSchema } from './common';

export const ROLES = ['admin', 'police', 'municipality', 'partner', 'council'] as const;
export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
export type Role = z.infer<typeof roleSchema>;

/** Roles that must sign in with a second factor (TOTP) when they sign in with a password. */
export const ROLES_REQUIRING_TWO_FACTOR: readonly Role[] = ['admin', 'police', 'municipality'];

/** Roles that act for an organisation (a membership names it). */
export const ROLES_WITH_ORGANISATION: readonly Role[] = ['police', 'municipality', 'partner'];

export const VISIBILITIES = ['restricted', 'joint', 'partners'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const SENSITIVITIES = ['normal', 'sensitive', 'police-only'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const emailSchema = z
  .string({ error: 'email is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email must be an e-mail address' }).max(254, 'email is too long'));

/** Length only (NIST 800-63B): composition rules make passwords weaker, not stronger. */
export const passwordSchema = z
  .string({ error: 'password is required' })
  .min(12, 'password must be at least 12 characters')
  .max(128, 'password must be at most 128 characters');

export const signInInputSchema = z.object({
  email: emailSchema,
  // Any non-empty string: a sign-in form never says which rule an old password breaks.
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(128, 'password is too long'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const totpCodeSchema = z.string().trim().regex(/^[0-9]{6}$/, 'the code has 6 digits');

export const membershipInputSchema = z
  .object({
    municipality_code: municipalityCodeSchema,
    role: roleSchema,
    organisation_id: uuidSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((m, ctx) => {
    const needsOrg = (ROLES_WITH_ORGANISATION as readonly string[]).includes(m.role);
    if (needsOrg && !m.organisation_id) ctx.addIssue({ code: 'custom', path: ['organisation_id'], message: `a ${m.role} membership names its organisation` });
    if (!needsOrg && m.organisation_id) ctx.addIssue({ code: 'custom', path: ['organisation_id'], message: `a ${m.role} membership has no organisation` });
  });
export type MembershipInput = z.infer<typeof membershipInputSchema>;

/** Which membership to revoke: a role in a municipality. */
export const membershipRefSchema = z.object({ municipality_code: municipalityCodeSchema, role: roleSchema });

export const userCreateInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'name is required').max(200, 'name is too long'),
  /** Omitted: the user signs in only through an OpenID Connect provider (no password at all). */
  password: z.preprocess((v) => (v === '' ? undefined : v), passwordSchema.optional()),
  memberships: z.array(membershipInputSchema).max(100).default([]),
});
export type UserCreateInput = z.input<typeof userCreateInputSchema>;

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  resource: z.string().trim().max(100).optional(),
  municipality_code: municipalityCodeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditRetentionSchema = z.coerce
  .number({ error: 'retention must be a number of days' })
  .int('retention must be whole days')
  .min(30, 'retention is at least 30 days')
  .max(36_500, 'retention is at most 100 years');

const OIDC_NAME = /^LAGESBILD_OIDC_([A-Z0-9]+)_(ISSUER|CLIENT_ID|CLIENT_SECRET|NAME)$/;

export const oidcProviderSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+$/),
  name: z.string().min(1),
  issuer: z.url({ protocol: /^https?$/, error: 'ISSUER must be an http(s) URL' }),
  clientId: z.string().min(1, 'CLIENT_ID is required'),
  clientSecret: z.string().min(1, 'CLIENT_SECRET is required'),
});
export type OidcProvider = z.infer<typeof oidcProviderSchema>;

/**
 * OpenID Connect providers from LAGESBILD_OIDC_<NAME>_ISSUER / _CLIENT_ID / _CLIENT_SECRET (and an
 * optional _NAME shown on the button). Throws a ZodError naming the variable when one is incomplete.
 */
export function parseOidcProviders(env: Record<string, string | undefined>): OidcProvider[] {
  const byName = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(env)) {
    const m = OIDC_NAME.exec(key);
    if (!m || value === undefined || value === '') continue;
    const entry = byName.get(m[1]) ?? {};
    entry[m[2]] = value;
    byName.set(m[1], entry);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, v]) => {
      const parsed = oidcProviderSchema.safeParse({
        id: name.toLowerCase(),
        name: v.NAME ?? name.charAt(0) + name.slice(1).toLowerCase(),
        issuer: v.ISSUER,
        clientId: v.CLIENT_ID,
        clientSecret: v.CLIENT_SECRET,
      });
      if (!parsed.success) {
        throw new z.ZodError(parsed.error.issues.map((i) => ({ ...i, message: `LAGESBILD_OIDC_${name}_${String(i.path[0] ?? '').replace(/([A-Z])/g, '_$1').toUpperCase()}: ${i.message}` })));
      }
      return parsed.data;
    });
}

const NEXT_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/;

/** Where to go after sign-in: a local path only (no scheme, no //host), else the staff map. */
export function safeNextPath(value: unknown, fallback = '/karta'): string {
  return typeof value === 'string' && value.length <= 500 && NEXT_PATH.test(value) && !value.startsWith('/logga-in') ? value : fallback;
}
