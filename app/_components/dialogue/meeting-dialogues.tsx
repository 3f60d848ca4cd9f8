// The dialogue summaries brought to one EST meeting (issue 5), for the meeting plan: kind, area and
// title, the text folded, with a link to correct it. Only rendered for roles that may read them (the
// caller passes none otherwise); those roles may also correct them (the same grants).
import type { DialogueSummaryListRow } from '@/lib/server/dialogue/dialogue-summaries';
import { getTranslator, type MessageKey } from '@/lib/i18n/translate';
import { getRequestLocale } from '../../_lib/request-locale';

export async function MeetingDialogues({ rows }: { rows: readonly DialogueSummaryListRow[] | undefined }) {
  if (!rows?.length) return null;
  const t = getTranslator(await getRequestLocale());
  const k = (key: string, p?: Record<string, string | number>) => t(key as MessageKey, p);
  return (
    <div data-testid="meeting-dialogues">
      {k('import.dialogue.meetingHeading')}
      <ul style={{ margin: '0.25rem 0 0.5rem 1rem', padding: 0 }}>
        {rows.map((d) => (
          <li key={d.id} data-testid="meeting-dialogue-row" data-title={d.title}>
            <details>
              <summary>
                {k(`import.dialogue.kind.${d.kind}`)}, {d.area_name}: {d.title} ({d.held_on}
                {d.participants === null ? '' : k('import.dialogue.panelParticipants', { count: d.participants })})
              </summary>
              <p style={{ whiteSpace: 'pre-wrap', margin: '0.25rem 0' }}>{d.summary}</p>
              <a href={`/import/dialog/${encodeURIComponent(d.id)}`} aria-label={k('dialogueEdit.linkLabel', { title: d.title })}>
                {k('dialogueEdit.link')}
              </a>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
