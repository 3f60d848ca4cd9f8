import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator, type MessageKey } from '@/lib/i18n/translate';
import { DIALOGUE_KINDS } from '@/lib/schemas/entities/dialogue-summary';
import { requireStaffUser } from '@/lib/server/auth/session';
import { dialogueEditForPage } from '@/lib/server/dialogue/dialogue-for-request';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { getRequestLocale } from '../../../../_lib/request-locale';
import { DialogueForm, type DialogueFormTexts } from '../../dialogue-form';
import styles from '../../import.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('dialogueEdit.heading') };
}

// Correcting a dialogue summary: the roles that may add one (else 404, the refusal audited), the form
// filled with its fields; saving replaces them (PATCH /api/v1/dialogue-summaries/ID, audited as an update).
export default async function DialogueEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireStaffUser(`/import/dialog/${encodeURIComponent(id)}`);
  const data = await dialogueEditForPage(user, getDefaultMunicipalityCode(), id);
  if (!data) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const k = (key: string) => t(key as MessageKey);
  const texts = {
    ...Object.fromEntries(
      (['heading', 'intro', 'area', 'meeting', 'noMeeting', 'kind', 'heldOn', 'title', 'summary', 'participants', 'source', 'save', 'saved', 'failed', 'choose'] as const).map((key) => [
        key,
        k(`import.dialogue.${key}`),
      ]),
    ),
    save: t('dialogueEdit.save'),
    saved: t('dialogueEdit.saved'),
  } as DialogueFormTexts;
  const { summary } = data;
  return (
    <section className={styles.page}>
      <h1>{t('dialogueEdit.heading')}</h1>
      <p>{t('dialogueEdit.intro', { by: summary.created_by, at: summary.created_at.slice(0, 10) })}</p>
      <DialogueForm
        areas={data.areas}
        meetings={data.meetings.map((m) => ({ id: m.id, label: `${m.held_on} · ${k(`import.dialogue.meetingKind.${m.kind}`)}` }))}
        kinds={DIALOGUE_KINDS.map((kind) => ({ value: kind, label: k(`import.dialogue.kind.${kind}`) }))}
        texts={texts}
        edit={{
          id: summary.id,
          values: {
            area_id: summary.area_id,
            est_meeting_id: summary.est_meeting_id,
            kind: summary.kind,
            held_on: summary.held_on,
            title: summary.title,
            summary: summary.summary,
            participants: summary.participants,
            source: summary.source,
          },
        }}
      />
      <p>
        <a href="/karta">{t('dialogueEdit.backToMap')}</a> · <a href="/motesplan">{t('dialogueEdit.backToMeetings')}</a>
      </p>
    </section>
  );
}
