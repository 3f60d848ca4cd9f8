import { redirect } from 'next/navigation';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getRequestLocale } from '../../../../_lib/request-locale';
import { authTexts } from '../../../_lib/auth-texts';
import { EnrolForm } from './enrol-form';

export const dynamic = 'force-dynamic';

// TOTP enrolment, required before the staff pages for police, municipality and admin roles.
export default async function EnrolPage() {
  const user = await getSignedInUser(undefined, { allowPendingTwoFactor: true });
  if (!user) redirect('/logga-in');
  if (user.twoFactorEnabled) redirect('/karta');
  const t = authTexts(await getRequestLocale());
  return (
    <section aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t.enrolTitle}</h1>
      <p>{t.enrolHelp}</p>
      <EnrolForm t={t} />
    </section>
  );
}
