'use client';
// The report form. Works without JavaScript (a plain multipart post with a place chosen from the list);
// with it, a map whose centre pin is the place (drag, or arrow keys once the map has focus), the phone's
// location, a live warning when the text looks like it names a person, and inline errors.
import 'maplibre-gl/dist/maplibre-gl.css';
import { booleanPointInPolygon } from '@turf/turf';
import { useEffect, useMemo, useRef, useState } from 'react';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import { listPersonalDataKinds } from '@/lib/privacy/detect-personal-data';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';

export interface ReportFormTexts {
  category: string;
  categories: { value: string; label: string }[];
  place: string;
  placeHelp: string;
  pickerLabel: string;
  useLocation: string;
  locating: string;
  locationFailed: string;
  pickedNear: string;
  pickedUnknown: string;
  areaSelect: string;
  areaMap: string;
  text: string;
  textHelp: string;
  personalWarning: string;
  personal: Record<string, string>;
  photo: string;
  photoHelp: string;
  contact: string;
  contactHelp: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  honeypot: string;
  submit: string;
  sending: string;
  error: string;
}

interface Props {
  texts: ReportFormTexts;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  districts: { id: string; name: string; lon: number; lat: number }[];
  honeypotField: string;
  initialError: string | null;
}

declare global {
  interface Window {
    __lagesbildPicker?: { mapLoaded: boolean; lon: number | null; lat: number | null };
  }
}

const WORKER_URL = '/maplibre-gl-worker.mjs';
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function ReportForm({ texts, areas, bounds, districts, honeypotField, initialError }: Props) {
  const mapRef = useRef<HTMLDivElement>(null);
  const mapObj = useRef<import('maplibre-gl').Map | null>(null);
  const [pos, setPos] = useState<{ lon: number; lat: number } | null>(null);
  const [areaId, setAreaId] = useState('');
  const [body, setBody] = useState('');
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);

  const warnings = useMemo(() => listPersonalDataKinds(body), [body]);
  const near = useMemo(() => {
    if (!pos) return null;
    const pt = { type: 'Point' as const, coordinates: [pos.lon, pos.lat] };
    const inside = areas.features.filter((f) => booleanPointInPolygon(pt, f));
    if (!inside.some((f) => f.properties.kind === 'municipality') && areas.features.some((f) => f.properties.kind === 'municipality')) return false;
    return inside.find((f) => f.properties.kind === 'district')?.properties.name ?? inside[0]?.properties.name ?? '';
  }, [pos, areas]);

  useEffect(() => {
    const container = mapRef.current;
    if (!container) return;
    window.__lagesbildPicker = { mapLoaded: false, lon: null, lat: null };
    let disposed = false;
    (async () => {
      const [maplibre, style] = await Promise.all([import('maplibre-gl'), import('@/lib/map/offline-style')]);
      if (disposed) return;
      maplibre.setWorkerUrl(WORKER_URL);
      const map = new maplibre.Map({
        container,
        locale: maplibreLocaleOfPage(),
        style: style.buildOfflineStyle(areas),
        bounds: bounds ?? undefined,
        fitBoundsOptions: { padding: 16 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      mapObj.current = map;
      map.touchZoomRotate.disableRotation();
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      const update = () => {
        const c = map.getCenter();
        const next = { lon: round(c.lng), lat: round(c.lat) };
        setPos(next);
        window.__lagesbildPicker = { mapLoaded: true, ...next };
      };
      map.on('moveend', update);
      map.on('load', () => {
        map.zoomTo(Math.max(map.getZoom(), 12), { duration: 0 });
        update();
      });
      map.on('click', (e) => map.easeTo({ center: e.lngLat }));
    })().catch(() => undefined);
    return () => {
      disposed = true;
      mapObj.current?.remove();
      mapObj.current = null;
    };
  }, [areas, bounds]);

  const flyTo = (lon: number, lat: number) => {
    const map = mapObj.current;
    if (map) map.jumpTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 15) });
    else setPos({ lon: round(lon), lat: round(lat) });
  };

  const useLocation = () => {
    if (!('geolocation' in navigator)) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating('idle');
        flyTo(p.coords.longitude, p.coords.latitude);
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const res = await fetch('/api/public/citizen-reports', { method: 'POST', body: new FormData(e.currentTarget), headers: { accept: 'application/json' } });
      const json = (await res.json().catch(() => null)) as { statusPath?: string; error?: { message?: string; issues?: { path?: unknown[]; message: string }[] } } | null;
      if (res.ok && json?.statusPath) {
        window.location.assign(`${json.statusPath}?ny=1`);
        return;
      }
      const issues = json?.error?.issues?.map((i) => `${(i.path ?? []).join('.') || 'form'}: ${i.message}`).join('; ');
      setError(texts.error.replace('{message}', issues || json?.error?.message || `HTTP ${res.status}`));
    } catch (err) {
      setError(texts.error.replace('{message}', (err as Error).message));
    }
    setSending(false);
  };

  return (
    <form className="public-form" method="post" action="/api/public/citizen-reports" encType="multipart/form-data" onSubmit={onSubmit} data-testid="report-form">
      {error ? (
        <p className="public-error" role="alert" data-testid="report-error">
          {error}
        </p>
      ) : null}
      <fieldset>
        <legend>{texts.category}</legend>
        {texts.categories.map((c, i) => (
          <label key={c.value} className="public-choice">
            <input type="radio" name="category" value={c.value} defaultChecked={i === 0} required />
            {c.label}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{texts.place}</legend>
        <p className="public-help" id="place-help">
          {texts.placeHelp}
        </p>
        <div className="public-picker">
          <div ref={mapRef} className="public-map" role="region" aria-label={texts.pickerLabel} aria-describedby="place-help" data-testid="place-picker" />
          <svg className="public-picker__pin" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
            <path d="M11 21 C11 21 3 12 3 8 a8 8 0 0 1 16 0 c0 4 -8 13 -8 13z" fill="#b3261e" stroke="#ffffff" strokeWidth="1.5" />
            <circle cx="11" cy="8" r="3" fill="#ffffff" />
          </svg>
        </div>
        <p aria-live="polite" data-testid="picked-place">
          {pos ? (near === false ? texts.pickedUnknown : texts.pickedNear.replace('{where}', near || `${pos.lat.toFixed(4)}, ${pos.lon.toFixed(4)}`)) : null}
        </p>
        <input type="hidden" name="lon" value={pos && !areaId ? String(pos.lon) : ''} />
        <input type="hidden" name="lat" value={pos && !areaId ? String(pos.lat) : ''} />
        <p>
          <button type="button" className="public-button public-button--secondary" onClick={useLocation} disabled={locating === 'busy'}>
            {locating === 'busy' ? texts.locating : texts.useLocation}
          </button>
        </p>
        {locating === 'failed' ? <p role="status">{texts.locationFailed}</p> : null}
        <label>
          {texts.areaSelect}
          <select
            name="area_id"
            value={areaId}
            onChange={(e) => {
              const d = districts.find((x) => x.id === e.target.value);
              // With a working map the list only moves the pin (the exact position is sent); without one the area is sent.
              if (d && mapObj.current) {
                flyTo(d.lon, d.lat);
                setAreaId('');
              } else setAreaId(e.target.value);
            }}
          >
            <option value="">{texts.areaMap}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <div>
        <label htmlFor="report-body">{texts.text}</label>
        <p className="public-help" id="report-body-help">
          {texts.textHelp}
        </p>
        <textarea id="report-body" name="body" rows={5} required maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby="report-body-help report-body-warning" />
        <div id="report-body-warning" aria-live="polite">
          {warnings.length ? (
            <p className="public-warning" data-testid="personal-data-warning">
              {texts.personalWarning.replace('{what}', warnings.map((w) => texts.personal[w]).join(', '))}
            </p>
          ) : null}
        </div>
      </div>

      <div>
        <label htmlFor="report-photo">{texts.photo}</label>
        <p className="public-help" id="report-photo-help">
          {texts.photoHelp}
        </p>
        <input id="report-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby="report-photo-help" />
      </div>

      <fieldset>
        <legend>{texts.contact}</legend>
        <p className="public-help">{texts.contactHelp}</p>
        <label>
          {texts.contactName}
          <input type="text" name="contact_name" autoComplete="name" maxLength={200} />
        </label>
        <label>
          {texts.contactEmail}
          <input type="email" name="contact_email" autoComplete="email" maxLength={254} />
        </label>
        <label>
          {texts.contactPhone}
          <input type="tel" name="contact_phone" autoComplete="tel" maxLength={40} />
        </label>
      </fieldset>

      {/* Honeypot: hidden from sight, from screen readers and from the tab order; robots fill it. */}
      <div className="public-hp" aria-hidden="true">
        <label htmlFor="report-hp">{texts.honeypot}</label>
        <input id="report-hp" type="text" name={honeypotField} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      <p>
        <button type="submit" disabled={sending} data-testid="report-submit">
          {sending ? texts.sending : texts.submit}
        </button>
      </p>
    </form>
  );
}
