import type { Translate } from '@/lib/i18n/translate';

/**
 * What the public sees of a pledge's or a focus area's text (the last approved copy), whether an edit
 * waits for review, and for those who may edit the EST group's approve and withdraw buttons.
 */
export function PublicTextReview(props: {
  t: Translate;
  testId: string;
  formTestId: string;
  /** The published title or name: null when nothing is shown to the public. */
  published: string | null;
  publishedSummary: string | null;
  approved: boolean;
  mayEdit: boolean;
  action: (form: FormData) => Promise<void>;
  /** The hidden field naming the record, e.g. pledge_id. */
  idField: { name: string; value: string };
  approveLabel: string;
}) {
  const { t } = props;
  return (
    <div data-testid={props.testId}>
      <p>
        <strong>{t('loop.publicText.heading')}:</strong>{' '}
        {props.published === null ? t('loop.publicText.notShown') : t('loop.publicText.shown', { title: props.published })}
        {props.publishedSummary ? ` – ${props.publishedSummary}` : ''}
        {!props.approved && props.published !== null ? <em> {t('loop.publicText.pending')}</em> : null}
      </p>
      {props.mayEdit ? (
        <form action={props.action} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }} data-testid={props.formTestId}>
          <input type="hidden" name={props.idField.name} value={props.idField.value} />
          <button type="submit" name="decision" value="approve" disabled={props.approved}>
            {props.approveLabel}
          </button>
          <button type="submit" name="decision" value="withdraw" disabled={props.published === null}>
            {t('loop.publicText.withdraw')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
