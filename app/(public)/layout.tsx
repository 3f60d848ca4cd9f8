import type { ReactNode } from 'react';
import { getTranslator } from '@/lib/i18n/translate';
import { getRequestLocale } from '../_lib/request-locale';
import { PublicLanguageSwitch } from './_components/public-language-switch';
import './public.css';

// The public shell: no sign-in. Staff reach their map through "Logga in".
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  return (
    <div className="public-shell">
      <header className="public-header">
        <a className="public-header__product" href="/">
          {t('app.name')}
        </a>
        <nav aria-label={t('public.nav')} className="public-header__nav">
          <a href="/">{t('public.navHome')}</a>
          <a href="/rapportera">{t('public.navReport')}</a>
          <a href="/logga-in?next=%2Fkarta">{t('public.signIn')}</a>
        </nav>
        <PublicLanguageSwitch other={locale === 'sv' ? 'en' : 'sv'} label={t('lang.switch')} title={t('lang.switchTitle')} />
      </header>
      {children}
    </div>
  );
}
