import { safeNextPath } from '@/lib/schemas/auth';
import { getRequestLocale } from '../../../_lib/request-locale';
import { authTexts } from '../../_lib/auth-texts';
import { verifyCodeAction } from '../actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The second step of a password sign-in for users with TOTP turned on.
export default async function TwoFactorPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const t = authTexts(await getRequestLocale());
  const next = safeNextPath(params.next);
  const error = params.fel === 'throttled' ? t.throttled : params.fel ? t.codeFailed : null;
  return (
    <section aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">{t.codeTitle}</h1>
      <p>{t.codeHelp}</p>
      {error ? <p role="alert">{error}</p> : null}
      <form action={verifyCodeAction} style={{ display: 'grid', gap: '0.75rem' }}>
        <input type="hidden" name="next" value={next} />
        <label>
          {t.code}
          <input name="code" inputMode="numeric" autoComplete="one-time-code" required style={{ display: 'block', width: '100%' }} />
        </label>
        <button type="submit">{t.verify}</button>
      </form>
    </section>
  );
}
