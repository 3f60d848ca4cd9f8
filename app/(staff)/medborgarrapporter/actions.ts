'use server';
// Moderation decisions from the queue page: one lib/server function; the outcome goes back in the URL.
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import { HttpError } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { moderateAsUser } from '@/lib/server/citizen-reports/moderation-for-user';

const BACK = '/medborgarrapporter';
const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === 'string' ? v : undefined;
};

export async function moderateReportAction(f: FormData): Promise<void> {
  const user = await getSignedInUser();
  if (!user) redirect(`/logga-in?next=${encodeURIComponent(BACK)}`);
  const input = {
    decision: text(f, 'decision'),
    report_id: text(f, 'report_id'),
    public_summary: text(f, 'public_summary'),
    public_pin: f.get('public_pin') === 'on',
    public_status: text(f, 'public_status') || undefined,
    merged_into_id: text(f, 'merged_into_id'),
    kind: text(f, 'kind'),
    title: text(f, 'title'),
    rejection_reason: text(f, 'rejection_reason'),
  };
  let outcome: string;
  try {
    const r = await moderateAsUser(user, input, new Date());
    outcome = `ok=${encodeURIComponent(r.decision)}`;
  } catch (err) {
    if (err instanceof ZodError) outcome = `fel=${encodeURIComponent(err.issues.map((i) => `${i.path.join('.') || 'decision'}: ${i.message}`).join('; '))}`;
    else if (err instanceof HttpError) outcome = `fel=${encodeURIComponent(err.message)}`;
    else throw err;
  }
  redirect(`${BACK}?${outcome}`);
}
