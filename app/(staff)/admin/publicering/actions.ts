'use server';
// Publishing from the admin page: one lib/server function; the outcome goes back in the URL.
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import { AdminRefusedError, findAdmin } from '@/lib/server/auth/admin';
import { publishQuarterAsAdmin } from '@/lib/server/disclosure/admin-publication';
import { PublicationRefusedError } from '@/lib/server/disclosure/publication-refused-error';

const BACK = '/admin/publicering';
const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === 'string' ? v : '';
};

export async function publishQuarterAction(f: FormData): Promise<void> {
  const admin = await findAdmin();
  if (!admin) redirect('/logga-in?next=%2Fadmin%2Fpublicering');
  let outcome: string;
  try {
    const r = await publishQuarterAsAdmin(
      admin,
      {
        municipality_code: text(f, 'municipality_code'),
        quarter: text(f, 'quarter').trim(),
        audience: text(f, 'audience'),
        dry_run: f.get('dry_run') === 'on',
        changelog: text(f, 'changelog'),
      },
      new Date(),
    );
    const what = r.status === 'dry-run' ? 'provkörning' : `publicerad version ${r.version}`;
    outcome = `ok=${encodeURIComponent(`${r.quarter} ${what}: ${r.publishedCells} celler publicerade, ${r.suppressedCells} undertryckta`)}`;
  } catch (err) {
    if (err instanceof PublicationRefusedError || err instanceof AdminRefusedError) outcome = `fel=${encodeURIComponent(err.message)}`;
    else if (err instanceof ZodError) outcome = `fel=${encodeURIComponent(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))}`;
    else throw err;
  }
  redirect(`${BACK}?${outcome}`);
}
