// `lagesbild users …` — what administrators script about users: list, create, grant and revoke roles,
// reset a password, disable and enable. Every change is audited as `cli:<--as USER or the OS user>`.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { membershipInputSchema } from '@/lib/schemas/auth';
import { UsageError } from '@/lib/schemas/cli-usage-error';
import { cliActor } from './audit';
import type { Io } from './main';

export const USERS_USAGE = `lagesbild users list [--municipality CODE]
lagesbild users create --email E --name N [--password P | --password-env VAR | --oidc-only] [--municipality CODE --role R [--organisation UUID]]
lagesbild users add-role --email E --municipality CODE --role R [--organisation UUID]
lagesbild users remove-role --email E --municipality CODE --role R
lagesbild users reset-password --email E [--password P | --password-env VAR]
lagesbild users disable|enable --email E
All take --as USER (the actor in the audit log; default the OS user). Roles: admin, police, municipality, partner, council.
Without --password a random password is generated and printed once; --oidc-only creates no password
(the user signs in through a configured identity provider only).`;

const SUBCOMMANDS = ['list', 'create', 'add-role', 'remove-role', 'reset-password', 'disable', 'enable', 'help'] as const;

const argsSchema = z
  .object({
    email: z.string().optional(),
    name: z.string().optional(),
    password: z.string().optional(),
    'password-env': z.string().regex(/^[A-Z_][A-Z0-9_]*$/, '--password-env names an environment variable').optional(),
    municipality: z.string().regex(/^\d{4}$/, '--municipality must be a 4-digit kommunkod').optional(),
    role: z.string().optional(),
    organisation: z.string().optional(),
    as: z.string().trim().min(1).max(100).optional(),
    'oidc-only': z.boolean().optional(),
  })
  .strict();

function need<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

export async function runUsersCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`users needs one of ${SUBCOMMANDS.join(', ')}\n${USERS_USAGE}`);
  if (sub === 'help') {
    io.stdout(`${USERS_USAGE}\n`);
    return 0;
  }
  let values: Record<string, unknown>;
  try {
    const str = { type: 'string' } as const;
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: { email: str, name: str, password: str, 'password-env': str, municipality: str, role: str, organisation: str, as: str, 'oidc-only': { type: 'boolean' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  const actor = cliActor(args.as);
  const passwordFrom = (): { password: string; generated: boolean } => {
    if (args.password) return { password: args.password, generated: false };
    if (args['password-env']) return { password: need(process.env[args['password-env']], `$${args['password-env']}`), generated: false };
    return { password: `${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`, generated: true };
  };
  const membership = () => membershipInputSchema.parse({ municipality_code: need(args.municipality, '--municipality'), role: need(args.role, '--role'), organisation_id: args.organisation ?? null });

  const { openDatabase } = await import('@/db/client');
  const h = await openDatabase();
  try {
    const { ZodError } = await import('zod');
    const manage = await import('@/lib/server/auth/manage-users');
    const { createConfiguredAuth } = await import('@/lib/server/auth/get-auth');
    try {
      switch (sub) {
        case 'list': {
          const { listMemberships, listUsers } = await import('@/db/queries/auth/users');
          const users = await listUsers(h.db, { municipalityCode: args.municipality, limit: 10_000 });
          for (const u of users) {
            const roles = (await listMemberships(h.db, u.id)).map((m) => `${m.municipality_code}:${m.role}${m.organisation_name ? `(${m.organisation_name})` : ''}`);
            io.stdout(`${u.email}\t${u.name}\t${roles.join(' ') || '-'}${u.disabled ? '\tDISABLED' : ''}${u.is_demo ? '\tdemo' : ''}${u.two_factor_enabled ? '\t2fa' : ''}\n`);
          }
          const { appendAuditEvent } = await import('@/lib/server/audit/append-audit-event');
          await appendAuditEvent(h.db, { actor, action: 'read', resource: 'user', details: { municipality: args.municipality }, ids: users.map((u) => u.id) });
          return 0;
        }
        case 'create': {
          const { password, generated } = args['oidc-only'] ? { password: undefined, generated: false } : passwordFrom();
          const memberships = args.role || args.municipality ? [membership()] : [];
          const user = await manage.createUser(h.db, await createConfiguredAuth(h.db), { email: need(args.email, '--email'), name: need(args.name, '--name'), password, memberships }, { actor });
          io.stdout(`Created ${user.email}${generated ? `; password (shown once): ${password}` : ''}\n`);
          return 0;
        }
        case 'add-role':
          io.stdout((await manage.grantRole(h.db, need(args.email, '--email'), membership(), { actor })) ? 'Role added\n' : 'Already held\n');
          return 0;
        case 'remove-role':
          io.stdout((await manage.revokeRole(h.db, need(args.email, '--email'), membership(), { actor })) ? 'Role removed\n' : 'Not held\n');
          return 0;
        case 'reset-password': {
          const { password, generated } = passwordFrom();
          await manage.resetUserPassword(h.db, await createConfiguredAuth(h.db), need(args.email, '--email'), password, { actor });
          io.stdout(`Password reset; sessions ended${generated ? `; new password (shown once): ${password}` : ''}\n`);
          return 0;
        }
        default:
          await manage.setUserDisabled(h.db, need(args.email, '--email'), sub === 'disable', { actor });
          io.stdout(sub === 'disable' ? 'Disabled; sessions ended\n' : 'Enabled\n');
          return 0;
      }
    } catch (err) {
      if (err instanceof ZodError) throw new UsageError(err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
      if (err instanceof manage.UserExistsError || err instanceof manage.UserNotFoundError) {
        io.stderr(`lagesbild: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  } finally {
    await h.close();
  }
}
