import type { Metadata } from 'next';
import { getTranslator } from '@/lib/i18n/translate';
import { areaBounds } from '@/lib/map/area-features';
import { getReportFormContext } from '@/lib/server/public/get-report-form-context';
import { getDatabaseState, startDatabase } from '@/lib/server/public/public-database';
import { HONEYPOT_FIELD } from '@/lib/server/public/submit-citizen-report';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale } from '../../_lib/request-locale';
import { ReportForm, type ReportFormTexts } from './report-form';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('public.reportHeading') };
}

// The public report form (no sign-in): what the municipality will see, the 112 notice, then the form.
export default async function ReportPage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') {
    return (
      <main id="main" className="public-main" tabIndex={-1}>
        <DatabaseStatus locale={locale} state={state} />
      </main>
    );
  }
  const ctx = await getReportFormContext();
  const params = await searchParams;
  const texts: ReportFormTexts = {
    category: t('public.reportCategory'),
    categories: (['unsafe_place', 'graffiti_damage', 'other'] as const).map((value) => ({ value, label: t(`public.reportCategory.${value}`) })),
    place: t('public.reportPlace'),
    placeHelp: t('public.reportPlaceHelp'),
    pickerLabel: t('public.reportPickerLabel'),
    useLocation: t('public.reportUseLocation'),
    locating: t('public.reportLocating'),
    locationFailed: t('public.reportLocationFailed'),
    pickedNear: t('public.reportPickedNear'),
    pickedUnknown: t('public.reportPickedUnknown'),
    areaSelect: t('public.reportAreaSelect'),
    areaMap: t('public.reportAreaMap'),
    text: t('public.reportText'),
    textHelp: t('public.reportTextHelp'),
    personalWarning: t('public.reportPersonalWarning'),
    personal: {
      personnummer: t('public.reportPersonal.personnummer'),
      phone: t('public.reportPersonal.phone'),
      name: t('public.reportPersonal.name'),
      email: t('public.reportPersonal.email'),
    },
    photo: t('public.reportPhoto'),
    photoHelp: t('public.reportPhotoHelp'),
    contact: t('public.reportContact'),
    contactHelp: t('public.reportContactHelp'),
    contactName: t('public.reportContactName'),
    contactEmail: t('public.reportContactEmail'),
    contactPhone: t('public.reportContactPhone'),
    honeypot: t('public.reportHoneypot'),
    submit: t('public.reportSubmit'),
    sending: t('public.reportSending'),
    error: t('public.reportError'),
  };
  return (
    <main id="main" className="public-main" tabIndex={-1}>
      {ctx.municipality?.demo ? (
        <p className="public-demo" role="note">
          {t('public.demoBanner')}
        </p>
      ) : null}
      <h1>{t('public.reportHeading')}</h1>
      <p>{t('public.reportIntro')}</p>
      <p className="public-notice" data-testid="emergency-notice">
        <strong>{t('public.reportEmergency')}</strong>
      </p>
      <p data-testid="who-sees">{t('public.reportWhoSees', { days: ctx.retentionDays })}</p>
      <ReportForm
        texts={texts}
        areas={ctx.areas}
        bounds={areaBounds(ctx.areas)}
        districts={ctx.districts}
        honeypotField={HONEYPOT_FIELD}
        initialError={typeof params.fel === 'string' ? t('public.reportError', { message: params.fel.slice(0, 500) }) : null}
      />
    </main>
  );
}
