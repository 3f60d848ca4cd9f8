'use server';
// Server actions of the admin pages: each checks the admin, calls one lib/server/auth/admin function and
// redirects back with a short outcome in the URL (no data in it).
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import {
  adminCreateOrganisation,
  adminCreateUser,
  AdminRefusedError,
  adminGrantRole,
  adminResetPassword,
  adminRevokeRole,
  adminSetDisabled,
  findAdmin,
  verifyAuditLogAsAdmin,
} from '@/lib/server/auth/admin';
import { UserExistsError, UserNotFoundError } from '@/lib/server/auth/manage-users';

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === 'string' ? v : '';
};

/** Runs the change and answers with where to go: back with ok=…, or with fel=… naming what was wrong. */
async function run(back: string, ok: string, change: (admin: NonNullable<Awaited<ReturnType<typeof findAdmin>>>) => Promise<unknown>): Promise<never> {
  const admin = await findAdmin();
  if (!admin) redirect('/logga-in?next=%2Fadmin');
  let outcome: string;
  try {
    await change(admin);
    outcome = `ok=${encodeURIComponent(ok)}`;
  } catch (err) {
    let message: string;
    if (err instanceof ZodError) message = err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    else if (err instanceof AdminRefusedError || err instanceof UserExistsError || err instanceof UserNotFoundError) message = err.message;
    else if ((err as { name?: string }).name === 'ConstraintViolationError') message = (err as Error).message;
    else throw err;
    outcome = `fel=${encodeURIComponent(message.slice(0, 300))}`;
  }
  redirect(`${back}?${outcome}`);
}

export async function createUserAction(f: FormData): Promise<void> {
  await run('/admin/anvandare', 'created', (admin) =>
    adminCreateUser(admin, {
      email: text(f, 'email'),
      name: text(f, 'name'),
      password: text(f, 'password'),
      memberships: text(f, 'role') ? [{ municipality_code: text(f, 'municipality_code'), role: text(f, 'role'), organisation_id: text(f, 'organisation_id') || null }] : [],
    }),
  );
}

export async function grantRoleAction(f: FormData): Promise<void> {
  await run('/admin/anvandare', 'role_added', (admin) =>
    adminGrantRole(admin, text(f, 'email'), { municipality_code: text(f, 'municipality_code'), role: text(f, 'role'), organisation_id: text(f, 'organisation_id') || null }),
  );
}

export async function revokeRoleAction(f: FormData): Promise<void> {
  await run('/admin/anvandare', 'role_removed', (admin) => adminRevokeRole(admin, text(f, 'email'), { municipality_code: text(f, 'municipality_code'), role: text(f, 'role') }));
}

export async function resetPasswordAction(f: FormData): Promise<void> {
  await run('/admin/anvandare', 'password_reset', (admin) => adminResetPassword(admin, text(f, 'email'), text(f, 'password')));
}

export async function setDisabledAction(f: FormData): Promise<void> {
  const disabled = text(f, 'disabled') === 'true';
  await run('/admin/anvandare', disabled ? 'disabled' : 'enabled', (admin) => adminSetDisabled(admin, text(f, 'email'), disabled));
}

export async function createOrganisationAction(f: FormData): Promise<void> {
  await run('/admin/organisationer', 'created', (admin) => adminCreateOrganisation(admin, text(f, 'municipality_code'), { name: text(f, 'name'), kind: text(f, 'kind') }));
}

export async function verifyAuditAction(): Promise<void> {
  const admin = await findAdmin();
  if (!admin) redirect('/logga-in?next=%2Fadmin%2Flogg');
  const result = await verifyAuditLogAsAdmin(admin);
  redirect(result.ok ? `/admin/logg?ok=${encodeURIComponent(`chain intact (${result.checked} events)`)}` : `/admin/logg?fel=${encodeURIComponent(`chain broken at event ${result.brokenId}: ${result.reason}`)}`);
}
