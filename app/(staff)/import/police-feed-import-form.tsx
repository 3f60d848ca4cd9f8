'use client';
// Upload of the police events feed (issue 5): the JSON of polisen.se/api/events or its archived CSV.
// "Förhandsgranska" is a dry run on the server; "Importera" stores the municipality's events. The
// result names every bad row and field, the events placed elsewhere and the types without a category.
import { useState } from 'react';
import { formatNumber, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { PoliceFeedImportResult } from '@/lib/server/police-feed/import-police-feed';
import styles from './import.module.css';

export function PoliceFeedImportForm({ locale, municipality, maxBytes }: { locale: Locale; municipality: string; maxBytes: number }) {
  const t = getTranslator(locale);
  const n = (x: number) => formatNumber(locale, x);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PoliceFeedImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const data = new FormData(form);
    const file = data.get('file');
    if (file instanceof File && file.size > maxBytes) {
      setResult(null);
      setFailure(t('feed.import.failed', { message: `${(file.size / 1024 / 1024).toFixed(1)} MB > ${(maxBytes / 1024 / 1024).toFixed(0)} MB` }));
      return;
    }
    data.set('dry_run', dryRun ? 'true' : 'false');
    data.set('municipality', municipality);
    setBusy(true);
    setFailure(null);
    try {
      const res = await fetch('/api/v1/import/police-feed', { method: 'POST', body: data });
      const body = (await res.json().catch(() => null)) as { result?: PoliceFeedImportResult; error?: { message: string; issues?: { message: string }[] } } | null;
      if (body?.result) setResult(body.result);
      else {
        setResult(null);
        const issues = body?.error?.issues?.map((i) => i.message).join('; ');
        setFailure(t('feed.import.failed', { message: issues || body?.error?.message || `HTTP ${res.status}` }));
      }
    } catch (err) {
      setResult(null);
      setFailure(t('feed.import.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <form
        className={styles.form}
        data-testid="feed-import-form"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          void send(e.currentTarget, submitter?.value !== 'import');
        }}
      >
        <label>
          {t('feed.import.file')}
          <input type="file" name="file" required accept=".json,.csv,.txt,application/json,text/csv" data-testid="feed-import-file" />
        </label>
        <div className={styles.buttons}>
          <button type="submit" name="action" value="preview" disabled={busy} data-testid="feed-import-preview">
            {busy ? t('feed.import.working') : t('feed.import.preview')}
          </button>
          <button type="submit" name="action" value="import" disabled={busy} data-testid="feed-import-submit">
            {t('feed.import.submit')}
          </button>
        </div>
      </form>
      {failure ? (
        <p className={styles.errors} role="alert" data-testid="feed-import-failure">
          {failure}
        </p>
      ) : null}
      {result ? (
        <div data-testid="feed-import-outcome">
          <p data-testid="feed-import-summary" data-mine={result.municipalityRows} data-other={result.otherMunicipalityRows}>
            {t('feed.import.summary', {
              total: n(result.totalRows),
              format: result.format.toUpperCase(),
              mine: n(result.municipalityRows),
              municipality: result.municipalityName,
              other: n(result.otherMunicipalityRows),
            })}
          </p>
          {result.errorCount > 0 ? (
            <>
              <h3 className={styles.errors}>{t('feed.import.errorsHeading', { n: n(result.errorCount) })}</h3>
              <div className={styles.tableWrap}>
                <table className={styles.table} data-testid="feed-import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('feed.import.errorRow')}</th>
                      <th scope="col">{t('feed.import.errorField')}</th>
                      <th scope="col">{t('feed.import.errorMessage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={i} data-testid="feed-import-error-row" data-row={e.row} data-column={e.column ?? ''}>
                        <td>{e.row}</td>
                        <td>{e.column ?? '–'}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p className={styles.ok} role="status" data-testid="feed-import-result" data-added={result.added} data-updated={result.updated} data-unchanged={result.unchanged} data-dry-run={String(result.dryRun)}>
              {t(result.dryRun ? 'feed.import.resultDry' : 'feed.import.resultDone', { added: n(result.added), updated: n(result.updated), unchanged: n(result.unchanged) })}
            </p>
          )}
          {result.typeCounts.length > 0 ? (
            <div className={styles.tableWrap}>
              <table className={styles.table} data-testid="feed-import-types">
                <thead>
                  <tr>
                    <th scope="col">{t('feed.type')}</th>
                    <th scope="col">{t('feed.category')}</th>
                    <th scope="col">{t('feed.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.typeCounts.map((r) => (
                    <tr key={r.type}>
                      <td>{r.type}</td>
                      <td>{r.categoryKey}</td>
                      <td>{n(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.unmappedTypes.length > 0 ? (
            <>
              <h3>{t('feed.import.unmapped')}</h3>
              <table className={styles.table} data-testid="feed-import-unmapped">
                <thead>
                  <tr>
                    <th scope="col">{t('feed.type')}</th>
                    <th scope="col">{t('feed.count')}</th>
                    <th scope="col">{t('feed.import.rows')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.unmappedTypes.map((u) => (
                    <tr key={u.type}>
                      <td>{u.type}</td>
                      <td>{n(u.count)}</td>
                      <td>{u.rows.slice(0, 20).join(', ')}{u.rows.length > 20 ? ' …' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {result.otherPlaces.length > 0 ? (
            <details>
              <summary>{t('feed.import.otherPlaces')}</summary>
              <p>{result.otherPlaces.map((p) => `${p.name} (${n(p.count)})`).join(', ')}</p>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
