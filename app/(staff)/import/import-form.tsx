'use client';
// The import form: kind, file and options; "Förhandsgranska" runs the import as a dry run on the
// server (the same validation and counts, rolled back), "Importera" runs it. Shows the detected
// columns, the first rows, every bad row as a table, and the counts.
import { useMemo, useState } from 'react';
import { decodeImportText, matchColumns, readHeaders } from '@/lib/import/read-import-file';
import type { ImportKind } from '@/lib/schemas/import';
import styles from './import.module.css';

type TextKey =
  | 'kindLabel' | 'fileLabel' | 'crsLabel' | 'crs.auto' | 'crs.4326' | 'crs.3006' | 'visibilityLabel' | 'visibility.restricted'
  | 'visibility.joint' | 'visibility.partners' | 'areaKindLabel' | 'preview' | 'submit' | 'working' | 'detected' | 'columnsHeading'
  | 'columnUnused' | 'previewHeading' | 'errorsHeading' | 'errorRow' | 'errorColumn' | 'errorMessage' | 'errorsTruncated' | 'resultDry'
  | 'resultDone' | 'failed' | 'mappingHeading' | 'mappingIntro' | 'mappingField' | 'mappingColumn' | 'mappingNone' | 'mappingRequired'
  | 'mappingCoordinates' | 'mappingOutline' | 'mappingUnreadable' | 'mappingReset';
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
  updated: number;
  alreadyPresent: number;
  dryRun: boolean;
}

/** A target field as the mapping step shows it. */
export interface MappingField {
  field: string;
  label: string;
  help: string;
  required: boolean;
}

const POINT_FIELDS = new Set(['lat', 'lon', 'x', 'y']);

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export function ImportForm(props: {
  municipality: string;
  maxBytes: number;
  kinds: { value: string; label: string }[];
  areaKinds: string[];
  /** Fields of each kind, in the documented order. */
  fields: Record<string, MappingField[]>;
  texts: ImportFormTexts;
  locale: 'sv' | 'en';
}) {
  const t = props.texts;
  const [kind, setKind] = useState(props.kinds[0]?.value ?? 'incidents');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The chosen file's column names (read in the browser) and the user's choices: field → column ('' = not used).
  const [fileInfo, setFileInfo] = useState<{ name: string; format: 'csv' | 'geojson'; headers: string[]; error: string | null } | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const fields = useMemo(() => {
    const all = props.fields[kind] ?? [];
    // A GeoJSON file's positions come from its geometries, not from columns.
    return fileInfo?.format === 'geojson' ? all.filter((f) => !POINT_FIELDS.has(f.field) && f.field !== 'geometry') : all;
  }, [props.fields, kind, fileInfo?.format]);
  const suggested = useMemo(() => {
    const out: Record<string, string> = {};
    if (!fileInfo) return out;
    for (const c of matchColumns(kind as ImportKind, fileInfo.headers).columns) if (c.field) out[c.field] = c.header;
    return out;
  }, [fileInfo, kind]);
  const mapping = useMemo(() => Object.fromEntries(fields.map((f) => [f.field, choices[f.field] ?? suggested[f.field] ?? ''])), [fields, choices, suggested]);

  async function readFile(file: File | undefined) {
    setChoices({});
    if (!file) {
      setFileInfo(null);
      return;
    }
    const info = readHeaders(file.name, decodeImportText(new Uint8Array(await file.arrayBuffer())));
    setFileInfo({ name: file.name, ...info });
  }
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
    if (fileInfo && !fileInfo.error) data.set('mapping', JSON.stringify(mapping));
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
          <select
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setChoices({});
            }}
            data-testid="import-kind"
          >
            {props.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.fileLabel}
          <input type="file" name="file" required accept=".csv,.txt,.tsv,.json,.geojson,text/csv,application/geo+json,application/json" data-testid="import-file" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
        </label>
        {fileInfo ? (
          <fieldset className={styles.mapping} data-testid="import-mapping">
            <legend>{t.mappingHeading}</legend>
            {fileInfo.error ? (
              <p className={styles.errors} role="alert">
                {fill(t.mappingUnreadable, { message: fileInfo.error })}
              </p>
            ) : (
              <>
                <p>{fill(t.mappingIntro, { count: fileInfo.headers.length })}</p>
                <table className={styles.table}>
                  <thead>
                    <tr>
                      <th scope="col">{t.mappingField}</th>
                      <th scope="col">{t.mappingColumn}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f) => {
                      const required = f.required || (kind === 'areas' && f.field === 'geometry');
                      const id = `import-map-${f.field}`;
                      return (
                        <tr key={f.field}>
                          <th scope="row">
                            <label htmlFor={id}>
                              <code>{f.label}</code>
                              {required ? <abbr title={t.mappingRequired}> *</abbr> : null}
                            </label>
                            <div className={styles.help}>{f.help}</div>
                          </th>
                          <td>
                            <select
                              id={id}
                              value={mapping[f.field] ?? ''}
                              onChange={(e) => setChoices((c) => ({ ...c, [f.field]: e.target.value }))}
                              data-testid={id}
                              data-field={f.field}
                              aria-required={required || undefined}
                            >
                              <option value="">{t.mappingNone}</option>
                              {fileInfo.headers.map((h, i) => (
                                <option key={`${i}:${h}`} value={h}>
                                  {h}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {fileInfo.format === 'csv' && (kind === 'incidents' || kind === 'unsafe_places' || kind === 'vandalism') ? <p>{t.mappingCoordinates}</p> : null}
                {fileInfo.format === 'csv' && kind === 'areas' ? <p>{t.mappingOutline}</p> : null}
                {Object.keys(choices).length ? (
                  <button type="button" onClick={() => setChoices({})}>
                    {t.mappingReset}
                  </button>
                ) : null}
              </>
            )}
          </fieldset>
        ) : null}
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
              <p className={styles.ok} role="status" data-testid="import-result" data-added={result.added} data-updated={result.updated} data-present={result.alreadyPresent} data-dry-run={String(result.dryRun)}>
                {fill(result.dryRun ? t.resultDry : t.resultDone, { added: number(result.added), updated: number(result.updated), present: number(result.alreadyPresent) })}
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
