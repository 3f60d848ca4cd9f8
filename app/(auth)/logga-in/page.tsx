import type { Metadata } from 'next';
import { safeNextPath } from '@/lib/schemas/auth';
import { listSignInProviders } from '@/lib/server/auth/sign-in';
import { isDemoModeActive } from '@/lib/server/auth/demo-status';
import { getRequestLocale } from '../../_lib/request-locale';
import { authTexts } from '../_lib/auth-texts';
import { oidcSignInAction, signInAction } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: authTexts(await getRequestLocale()).title };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const t = authTexts(await getRequestLocale());
  const next = safeNextPath(params.next);
  const error = params.fel === 'throttled' ? t.throttled : params.fel === 'invalid' ? t.invalid : params.fel === 'failed' ? t.failed : null;
  const [providers, demo] = await Promise.all([listSignInProviders().catch(() => []), isDemoModeActive()]);
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.title}</h1>
      {demo ? (
        <p className="demo-banner" role="note" data-testid="demo-banner">
          {t.demo}
        </p>
      ) : null}
      {error ? (
        <p role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      <form action={signInAction} style={{ display: 'grid', gap: '0.75rem' }}>
        <input type="hidden" name="next" value={next} />
        <label>
          {t.email}
          <input name="email" type="email" autoComplete="username" required style={{ display: 'block', width: '100%' }} />
        </label>
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required style={{ display: 'block', width: '100%' }} />
        </label>
        <button type="submit">{t.submit}</button>
      </form>
      {providers.length > 0 ? (
        <>
          <p>{t.or}</p>
          {providers.map((p) => (
            <form key={p.id} action={oidcSignInAction}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="next" value={next} />
              <button type="submit">{t.oidc.replace('{name}', p.name)}</button>
            </form>
          ))}
        </>
      ) : null}
    </section>
  );
}
