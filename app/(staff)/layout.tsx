import type { ReactNode } from 'react';
import { getTranslator } from '@/lib/i18n/translate';
import { getDatabaseState } from '@/lib/server/db';
import { getDefaultMunicipalityCode, getStaffMunicipality, type StaffMunicipality } from '@/lib/server/situation/get-staff-context';
import { LanguageSwitch } from '../_components/ui/language-switch';
import { getRequestLocale } from '../_lib/request-locale';

// TODO(#3): check the session here and send signed-out visitors to the sign-in page; until then the
// staff pages are open and show only the provisional scope (lib/server/situation/provisional-scope.ts).
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  let municipality: StaffMunicipality | null = null;
  if (getDatabaseState().phase === 'ready') {
    municipality = await getStaffMunicipality(getDefaultMunicipalityCode()).catch(() => null);
  }
  return (
    <div className="staff-shell">
      <header className="staff-header">
        <a className="staff-header__product" href="/karta">
          {t('app.name')}
        </a>
        {municipality ? <span className="staff-header__municipality">{t('header.municipality', { name: municipality.name })}</span> : null}
        <span className="staff-header__spacer" />
        <LanguageSwitch locale={locale} />
      </header>
      {municipality?.demo ? (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          {t('demo.banner')}
        </div>
      ) : null}
      <main id="main" className="staff-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
