'use server';
// The record page's edit form (works without JavaScript): one server action that calls the same use
// case as PATCH /api/v1/records/:kind/:id and redirects back with the outcome (no record data in the URL).
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import { isRecordKind } from '@/lib/schemas/record-detail';
import { HttpError } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { patchFromForm } from '@/lib/server/records/record-form';
import { updateRecord } from '@/lib/server/records/update-record';

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === 'string' ? v : '';
};

export async function updateRecordAction(f: FormData): Promise<void> {
  const kind = text(f, 'kind');
  const id = text(f, 'id');
  const back = `/karta/post/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
  if (!(await getSignedInUser())) redirect(`/logga-in?next=${encodeURIComponent(back)}`);
  let outcome: string;
  if (!isRecordKind(kind)) {
    outcome = 'fel=gone';
  } else {
    try {
      await updateRecord(kind, id, patchFromForm(kind, f));
      outcome = 'ok=saved';
    } catch (err) {
      if (err instanceof ZodError) {
        // Field → message pairs, for the form to show beside each field.
        const issues = err.issues.slice(0, 20).map((i) => [String(i.path[0] ?? ''), i.message.slice(0, 200)]);
        outcome = `fel=${encodeURIComponent(JSON.stringify(issues))}`;
      } else if (err instanceof HttpError && (err.status === 404 || err.status === 403)) {
        outcome = err.status === 404 ? 'fel=gone' : 'fel=forbidden';
      } else {
        throw err;
      }
    }
  }
  redirect(`${back}?${outcome}`);
}
