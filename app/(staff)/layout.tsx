import type { ReactNode } from 'react';
import { getTranslator } from '@/lib/i18n/translate';
import { heldRolesIn, requireStaffUser, type SignedInUser } from '@/lib/server/auth/session';
import { countMyUnread } from '@/lib/server/notifications/user-notifications';
import { can } from '@/lib/server/permissions/permission-table';
import { mayModerate } from '@/lib/server/citizen-reports/moderation-for-user';
import { getDatabaseState } from '@/lib/server/db';
import { listImportableKinds } from '@/lib/server/import/import-for-request';
import { getDefaultMunicipalityCode, getStaffMunicipality, type StaffMunicipality } from '@/lib/server/situation/get-staff-context';
import { SignOutForm } from '../(auth)/_components/sign-out-form';
import { authTexts } from '../(auth)/_lib/auth-texts';
import { LanguageSwitch } from '../_components/ui/language-switch';
import { getRequestLocale } from '../_lib/request-locale';

// Signed-out visitors go to the sign-in page (users whose role needs TOTP and lack it, to enrolment).
// While the database starts the pages show only the starting status, so the check waits for it. Data
// functions check the session again themselves: a layout is not a security boundary in the App Router.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  let municipality: StaffMunicipality | null = null;
  let user: SignedInUser | null = null;
  let unread = 0;
  if (getDatabaseState().phase === 'ready') {
    user = await requireStaffUser();
    municipality = await getStaffMunicipality(getDefaultMunicipalityCode()).catch(() => null);
    unread = await countMyUnread(user.id).catch(() => 0);
  }
  return (
    <div className="staff-shell">
      <header className="staff-header">
        <a className="staff-header__product" href="/karta">
          {t('app.name')}
        </a>
        {municipality ? <span className="staff-header__municipality">{t('header.municipality', { name: municipality.name })}</span> : null}
        <span className="staff-header__spacer" />
        {user && can(heldRolesIn(user, getDefaultMunicipalityCode()).map((h) => h.role), 'read', 'analysis') ? (
          <a className="staff-header__admin" href="/analys" data-testid="nav-analys">
            {t('nav.analysis')}
          </a>
        ) : null}
        {user && can(heldRolesIn(user, getDefaultMunicipalityCode()).map((h) => h.role), 'read', 'pledge') ? (
          <a className="staff-header__admin" href="/loften" data-testid="nav-loften">
            {t('nav.pledges')}
          </a>
        ) : null}
        {user && can(heldRolesIn(user, getDefaultMunicipalityCode()).map((h) => h.role), 'read', 'report') ? (
          <a className="staff-header__admin" href="/rad" data-testid="nav-council">
            {t('council.nav')}
          </a>
        ) : null}
        {user && can(heldRolesIn(user, getDefaultMunicipalityCode()).map((h) => h.role), 'read', 'police_feed') ? (
          <a className="staff-header__admin" href="/handelser" data-testid="nav-feed">
            {t('feed.nav')}
          </a>
        ) : null}
        {user && can(heldRolesIn(user, getDefaultMunicipalityCode()).map((h) => h.role), 'create', 'unsafe_place') ? (
          <a className="staff-header__admin" href="/registrera" data-testid="nav-capture">
            {t('nav.capture')}
          </a>
        ) : null}
        {user && listImportableKinds(user, getDefaultMunicipalityCode()).length > 0 ? (
          <a className="staff-header__admin" href="/import" data-testid="nav-import">
            {t('import.nav')}
          </a>
        ) : null}
        {user ? (
          <a className="staff-header__admin" href="/notiser" data-testid="nav-notiser" aria-label={unread > 0 ? t('nav.notificationsUnread', { n: unread }) : t('nav.notifications')}>
            {t('nav.notifications')}{unread > 0 ? <span className="staff-header__badge" data-testid="notification-badge">{` ${unread}`}</span> : null}
          </a>
        ) : null}
        {user && mayModerate(user) ? (
          <a className="staff-header__admin" href="/medborgarrapporter" data-testid="nav-citizen-reports">
            {t('reports.pageTitle')}
          </a>
        ) : null}
        {user?.memberships.some((m) => m.role === 'admin') ? (
          <a className="staff-header__admin" href="/admin" data-testid="nav-admin">
            Admin
          </a>
        ) : null}
        <LanguageSwitch locale={locale} />
        {user ? <SignOutForm label={authTexts(locale).signOut} user={user.email} meetingMode={user.meetingMode} /> : null}
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
