'use client';
// The import form: kind, file and options; "Förhandsgranska" runs the import as a dry run on the
// server (the same validation and counts, rolled back), "Importera" runs it. Shows the detected
// columns, the first rows, every bad row as a table, and the counts.
import { useState } from 'react';
import styles from './import.module.css';

type TextKey =
  | 'kindLabel' | 'fileLabel' | 'crsLabel' | 'crs.auto' | 'crs.4326' | 'crs.3006' | 'visibilityLabel' | 'visibility.restricted'
  | 'visibility.joint' | 'visibility.partners' | 'areaKindLabel' | 'preview' | 'submit' | 'working' | 'detected' | 'columnsHeading'
  | 'columnUnused' | 'previewHeading' | 'errorsHeading' | 'errorRow' | 'errorColumn' | 'errorMessage' | 'errorsTruncated' | 'resultDry'
  | 'resultDone' | 'failed';
export type ImportFormTexts = Record<TextKey, string>;

interface ImportResultDto {
  format: string;
  delimiter: string | null;
  crs: string | null;
  columns: { header: string; field: string | null }[];
  totalRows: number;
  preview: Record<string, string>[];
  errors: { row: number; column: string | null; message: string }[];
  errorCount: number;
  added: number;
  alreadyPresent: number;
  dryRun: boolean;
}

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export function ImportForm(props: {
  municipality: string;
  maxBytes: number;
  kinds: { value: string; label: string }[];
  areaKinds: string[];
  texts: ImportFormTexts;
  locale: 'sv' | 'en';
}) {
  const t = props.texts;
  const [kind, setKind] = useState(props.kinds[0]?.value ?? 'incidents');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const number = (n: number) => new Intl.NumberFormat(props.locale === 'sv' ? 'sv-SE' : 'en-GB').format(n);

  async function send(form: HTMLFormElement, dryRun: boolean) {
    const data = new FormData(form);
    const file = data.get('file');
    if (file instanceof File && file.size > props.maxBytes) {
      setResult(null);
      setFailure(fill(t.failed, { message: `${(file.size / 1024 / 1024).toFixed(1)} MB > ${(props.maxBytes / 1024 / 1024).toFixed(0)} MB` }));
      return;
    }
    data.set('dry_run', dryRun ? 'true' : 'false');
    setBusy(true);
    setFailure(null);
    try {
      const res = await fetch('/api/v1/import', { method: 'POST', body: data });
      const body = (await res.json().catch(() => null)) as { result?: ImportResultDto; error?: { message: string; issues?: { message: string }[] } } | null;
      if (body?.result) setResult(body.result);
      else {
        setResult(null);
        const issues = body?.error?.issues?.map((i) => i.message).join('; ');
        setFailure(fill(t.failed, { message: issues || body?.error?.message || `HTTP ${res.status}` }));
      }
    } catch (err) {
      setResult(null);
      setFailure(fill(t.failed, { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const pointKind = kind === 'incidents' || kind === 'unsafe_places' || kind === 'vandalism';
  const previewHeaders = result?.columns.map((c) => c.header).filter((h) => result.preview.some((r) => h in r)) ?? [];
  return (
    <div>
      <form
        className={styles.form}
        data-testid="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          void send(e.currentTarget, submitter?.value !== 'import');
        }}
        onChange={() => setResult(null)}
      >
        <input type="hidden" name="municipality" value={props.municipality} />
        <label>
          {t.kindLabel}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="import-kind">
            {props.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.fileLabel}
          <input type="file" name="file" required accept=".csv,.txt,.tsv,.json,.geojson,text/csv,application/geo+json,application/json" data-testid="import-file" />
        </label>
        {kind !== 'survey' ? (
          <label>
            {t.crsLabel}
            <select name="crs" defaultValue="auto">
              <option value="auto">{t['crs.auto']}</option>
              <option value="EPSG:4326">{t['crs.4326']}</option>
              <option value="EPSG:3006">{t['crs.3006']}</option>
            </select>
          </label>
        ) : null}
        {pointKind ? (
          <label>
            {t.visibilityLabel}
            <select name="visibility" defaultValue="joint">
              <option value="restricted">{t['visibility.restricted']}</option>
              <option value="joint">{t['visibility.joint']}</option>
              <option value="partners">{t['visibility.partners']}</option>
            </select>
          </label>
        ) : null}
        {kind === 'areas' ? (
          <label>
            {t.areaKindLabel}
            <select name="area_kind" defaultValue="district">
              {props.areaKinds.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className={styles.buttons}>
          <button type="submit" name="action" value="preview" disabled={busy} data-testid="import-preview">
            {t.preview}
          </button>
          <button type="submit" name="action" value="import" disabled={busy} data-testid="import-submit">
            {t.submit}
          </button>
          {busy ? <span role="status">{t.working}</span> : null}
        </div>
      </form>
      <div aria-live="polite">
        {failure ? (
          <p className={styles.errors} role="alert" data-testid="import-failure">
            {failure}
          </p>
        ) : null}
        {result ? (
          <div data-testid="import-outcome">
            <p data-testid="import-detected">
              {fill(t.detected, {
                rows: number(result.totalRows),
                format: result.format.toUpperCase(),
                delimiter: result.delimiter ? `, "${result.delimiter === '\t' ? 'tab' : result.delimiter}"` : '',
                crs: result.crs ? `, ${result.crs}` : '',
              })}
            </p>
            {result.errorCount > 0 ? (
              <>
                <h2 className={styles.errors}>{fill(t.errorsHeading, { count: number(result.errorCount) })}</h2>
                {result.errors.length < result.errorCount ? <p>{fill(t.errorsTruncated, { shown: number(result.errors.length), count: number(result.errorCount) })}</p> : null}
                <div className={styles.tableWrap}>
                  <table className={styles.table} data-testid="import-errors">
                    <thead>
                      <tr>
                        <th scope="col">{t.errorRow}</th>
                        <th scope="col">{t.errorColumn}</th>
                        <th scope="col">{t.errorMessage}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.errors.map((e, i) => (
                        <tr key={i} data-testid="import-error-row" data-row={e.row} data-column={e.column ?? ''}>
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
              <p className={styles.ok} role="status" data-testid="import-result" data-added={result.added} data-present={result.alreadyPresent} data-dry-run={String(result.dryRun)}>
                {fill(result.dryRun ? t.resultDry : t.resultDone, { added: number(result.added), present: number(result.alreadyPresent) })}
              </p>
            )}
            <h2>{t.columnsHeading}</h2>
            <ul data-testid="import-columns">
              {result.columns.map((c) => (
                <li key={c.header}>
                  <code>{c.header}</code> → {c.field ?? <em>{t.columnUnused}</em>}
                </li>
              ))}
            </ul>
            {result.preview.length ? (
              <>
                <h2>{t.previewHeading}</h2>
                <div className={styles.tableWrap}>
                  <table className={styles.table} data-testid="import-preview-table">
                    <thead>
                      <tr>
                        {previewHeaders.map((h) => (
                          <th key={h} scope="col">
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {result.preview.map((r, i) => (
                        <tr key={i}>
                          {previewHeaders.map((h) => (
                            <td key={h}>{r[h]}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
