import { notFound } from 'next/navigation';
import { getTranslator, type MessageKey } from '@/lib/i18n/translate';
import { IMPORT_COLUMNS, IMPORTABLE_AREA_KINDS } from '@/lib/schemas/import';
import { requireStaffUser } from '@/lib/server/auth/session';
import { listImportableKinds } from '@/lib/server/import/import-for-request';
import { importMaxBytes } from '@/lib/server/import/run-import';
import { getDefaultMunicipalityCode, getStaffMunicipality } from '@/lib/server/situation/get-staff-context';
import { heldRolesIn } from '@/lib/server/auth/session';
import { can } from '@/lib/server/permissions/permission-table';
import { getRequestLocale } from '../../_lib/request-locale';
import { DIALOGUE_KINDS } from '@/lib/schemas/entities/dialogue-summary';
import { dialogueFormForPage } from '@/lib/server/dialogue/dialogue-for-request';
import { DialogueForm, type DialogueFormTexts } from './dialogue-form';
import { ImportForm, type ImportFormTexts } from './import-form';
import { PoliceFeedImportForm } from './police-feed-import-form';
import styles from './import.module.css';

export const dynamic = 'force-dynamic';

// Import for staff (issue 5): choose kind and file, preview (a dry run on the server), then import.
// Roles that may import nothing get a 404, as the admin pages do.
export default async function ImportPage() {
  const user = await requireStaffUser('/import');
  const municipality = getDefaultMunicipalityCode();
  const kinds = listImportableKinds(user, municipality);
  if (kinds.length === 0) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const k = (key: string) => t(key as MessageKey);
  const texts: ImportFormTexts = Object.fromEntries(
    (
      [
        'kindLabel', 'fileLabel', 'crsLabel', 'crs.auto', 'crs.4326', 'crs.3006', 'visibilityLabel', 'visibility.restricted', 'visibility.joint',
        'visibility.partners', 'areaKindLabel', 'preview', 'submit', 'working', 'detected', 'columnsHeading', 'columnUnused', 'previewHeading',
        'errorsHeading', 'errorRow', 'errorColumn', 'errorMessage', 'errorsTruncated', 'resultDry', 'resultDone', 'failed',
        'mappingHeading', 'mappingIntro', 'mappingField', 'mappingColumn', 'mappingNone', 'mappingRequired', 'mappingCoordinates',
        'mappingOutline', 'mappingUnreadable', 'mappingReset',
      ] as const
    ).map((key) => [key, k(`import.${key}`)]),
  ) as ImportFormTexts;
  const maxBytes = importMaxBytes();
  const dialogue = await dialogueFormForPage(user, municipality);
  const dialogueTexts = Object.fromEntries(
    (['heading', 'intro', 'area', 'meeting', 'noMeeting', 'kind', 'heldOn', 'title', 'summary', 'participants', 'source', 'save', 'saved', 'failed', 'choose'] as const).map((key) => [
      key,
      k(`import.dialogue.${key}`),
    ]),
  ) as DialogueFormTexts;
  return (
    <section className={styles.page}>
      <h1>{t('import.heading')}</h1>
      <p>{t('import.intro')}</p>
      <ImportForm
        municipality={municipality}
        maxBytes={maxBytes}
        kinds={kinds.map((kind) => ({ value: kind, label: k(`import.kind.${kind}`) }))}
        areaKinds={[...IMPORTABLE_AREA_KINDS]}
        fields={Object.fromEntries(
          kinds.map((kind) => [
            kind,
            IMPORT_COLUMNS[kind].map((c) => ({ field: c.field, label: locale === 'sv' ? c.sv : c.field, help: locale === 'sv' ? c.help.sv : c.help.en, required: c.required })),
          ]),
        )}
        texts={{ ...texts, fileLabel: texts.fileLabel.replace('{mb}', String(Math.round(maxBytes / 1024 / 1024))) }}
        locale={locale}
      />
      {dialogue ? (
        <>
          <h2 id="dialog">{dialogueTexts.heading}</h2>
          <p>{dialogueTexts.intro}</p>
          <DialogueForm
            areas={dialogue.areas}
            meetings={dialogue.meetings.map((m) => ({ id: m.id, label: `${m.held_on} · ${k(`import.dialogue.meetingKind.${m.kind}`)}` }))}
            kinds={DIALOGUE_KINDS.map((kind) => ({ value: kind, label: k(`import.dialogue.kind.${kind}`) }))}
            texts={dialogueTexts}
          />
        </>
      ) : null}
      {can(heldRolesIn(user, municipality).map((h) => h.role), 'create', 'police_feed') ? (
        <section aria-labelledby="feed-import-heading" data-testid="feed-import">
          <h2 id="feed-import-heading">{t('feed.import.heading')}</h2>
          <p>{t('feed.import.intro', { municipality: (await getStaffMunicipality(municipality))?.name ?? municipality })}</p>
          <PoliceFeedImportForm locale={locale} municipality={municipality} maxBytes={maxBytes} />
        </section>
      ) : null}
      <h2>{t('import.docsHeading')}</h2>
      <p>{t('import.docsNote')}</p>
      {kinds.map((kind) => (
        <details key={kind} className={styles.docs}>
          <summary>{k(`import.kind.${kind}`)}</summary>
          <table>
            <tbody>
              {IMPORT_COLUMNS[kind].map((c) => (
                <tr key={c.field}>
                  <th scope="row">
                    <code>{c.sv}</code> / <code>{c.field}</code>
                    {c.required ? ` (${t('import.docsRequired')})` : ''}
                  </th>
                  <td>{locale === 'sv' ? c.help.sv : c.help.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
