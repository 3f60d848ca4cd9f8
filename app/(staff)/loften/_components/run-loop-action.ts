import 'server-only';
// The council loop's server actions share this: find the signed-in user's access (sign-in redirect
// otherwise), run one lib/server function, and send the outcome back in the URL (?ok=… or ?fel=…) in
// the user's language.
import { redirect } from 'next/navigation';
import { getTranslator, type Translate } from '@/lib/i18n/translate';
import { describeLoopError, findLoopAccess, type LoopAccess } from '@/lib/server/pledges/loop-access';
import { getRequestLocale } from '../../../_lib/request-locale';

export async function runLoopAction(to: string, work: (access: LoopAccess, t: Translate) => Promise<string>): Promise<never> {
  const t = getTranslator(await getRequestLocale());
  const access = await findLoopAccess();
  if (!access) redirect(`/logga-in?next=${encodeURIComponent(to)}`);
  let outcome: string;
  try {
    outcome = `ok=${encodeURIComponent(await work(access, t))}`;
  } catch (err) {
    const message = describeLoopError(err, t);
    if (message === null) throw err;
    outcome = `fel=${encodeURIComponent(message)}`;
  }
  redirect(`${to}${to.includes('?') ? '&' : '?'}${outcome}`);
}
