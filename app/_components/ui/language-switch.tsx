import { getTranslator, type Locale } from '@/lib/i18n/translate';
import { languageSwitchHref } from '../../_lib/request-locale';

/** A plain link (works without JavaScript): /sprak sets the cookie and returns to the map. */
export function LanguageSwitch({ locale, path = '/karta' }: { locale: Locale; path?: string }) {
  const t = getTranslator(locale);
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  return (
    <a className="staff-header__lang" href={languageSwitchHref(other, path)} hrefLang={other} lang={other} title={t('lang.switchTitle')}>
      {t('lang.switch')}
    </a>
  );
}
