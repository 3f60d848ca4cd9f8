// Security headers of every response (issue 3 §6): the Content-Security-Policy with a per-request
// nonce, HSTS behind TLS, and which responses may be cached at all. Pure: the environment, the request's
// facts and the nonce are passed in (proxy.ts generates the nonce and applies the result).

export interface SecurityHeaderEnv {
  NODE_ENV?: string;
  LAGESBILD_BASE_URL?: string;
  BETTER_AUTH_URL?: string;
  /** The configured basemap (MapLibre style URL): its origin may be fetched and shown. */
  LAGESBILD_BASEMAP_STYLE_URL?: string;
  /** More origins for tiles, glyphs and sprites a basemap style refers to (space or comma separated). */
  LAGESBILD_CSP_EXTRA_ORIGINS?: string;
  [key: string]: string | undefined;
}

/** Paths whose responses may be cached (static build files; the public API, whose handlers set their own Cache-Control); everything else is no-store. */
export const CACHEABLE_PATH_PREFIXES = ['/_next/static/', '/api/public/', '/api/v1/public/'] as const;
export const CACHEABLE_FILES = ['/maplibre-gl-worker.mjs', '/icon.svg', '/favicon.ico', '/robots.txt'] as const;

export function isCacheablePath(pathname: string): boolean {
  return CACHEABLE_PATH_PREFIXES.some((p) => pathname.startsWith(p)) || (CACHEABLE_FILES as readonly string[]).includes(pathname);
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Origins the map may fetch from and show: the basemap style's and any configured extras. */
export function mapOrigins(env: SecurityHeaderEnv): string[] {
  const extras = (env.LAGESBILD_CSP_EXTRA_ORIGINS ?? '')
    .split(/[\s,]+/)
    .map((o) => originOf(o))
    .filter((o): o is string => o !== null);
  const basemap = originOf(env.LAGESBILD_BASEMAP_STYLE_URL);
  return [...new Set([...(basemap ? [basemap] : []), ...extras])];
}

/** Identity providers' origins: a sign-in form's redirect goes there, which `form-action` must allow. */
export function identityProviderOrigins(env: SecurityHeaderEnv): string[] {
  const origins = Object.entries(env)
    .filter(([k]) => /^LAGESBILD_OIDC_[A-Z0-9]+_ISSUER$/.test(k))
    .map(([, v]) => originOf(v))
    .filter((o): o is string => o !== null);
  return [...new Set(origins)];
}

/** Served over TLS: the proxy says so, the request URL does, or the configured base URL is https. */
export function isServedOverTls(request: { protocol: string; forwardedProto: string | null }, env: SecurityHeaderEnv): boolean {
  const forwarded = request.forwardedProto?.split(',')[0].trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  if (request.protocol === 'https:') return true;
  return originOf(env.LAGESBILD_BASE_URL ?? env.BETTER_AUTH_URL)?.startsWith('https:') ?? false;
}

/**
 * The policy. Scripts: only those carrying this request's nonce (Next adds it to its own) and what
 * they load ('strict-dynamic'); never eval in production. Styles: stylesheets from us or with the
 * nonce; style attributes are allowed (React renders `style={…}` as attributes on the server, and a
 * style attribute cannot run script or select other elements). Workers: MapLibre's from us or a blob.
 */
export function contentSecurityPolicy(options: { nonce: string; env: SecurityHeaderEnv; tls: boolean }): string {
  const { nonce, env, tls } = options;
  const dev = env.NODE_ENV === 'development';
  const map = mapOrigins(env);
  const idp = identityProviderOrigins(env);
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // Development only: React's dev build evaluates code for its stack traces and Fast Refresh.
    ['script-src', ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])]],
    ['style-src', ["'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...map]],
    ['font-src', ["'self'", ...map]],
    // data: and blob: hold their own content (MapLibre fetches its symbol images from data: URLs).
    ['connect-src', ["'self'", 'data:', 'blob:', ...map, ...(dev ? ['ws:', 'wss:'] : [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['child-src', ["'self'", 'blob:']],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'", ...idp]],
    ['frame-ancestors', ["'none'"]],
    ['manifest-src', ["'self'"]],
  ];
  const policy = directives.map(([name, values]) => `${name} ${values.join(' ')}`);
  if (tls) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/** The policy of API responses (JSON, packs, files): nothing may load or frame them as a page. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers of every response, static files included (next.config.ts sets them for all paths). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // The full URL (record ids in paths) stays on our origin; tile servers get the origin only.
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Walk mode uses the device's location; nothing uses the camera, microphone or payment.
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
};

/** Headers the proxy adds per request (the CSP separately, as it also goes on the request). */
export function securityHeaders(options: { pathname: string; tls: boolean }): Record<string, string> {
  const headers: Record<string, string> = { ...STATIC_SECURITY_HEADERS };
  if (options.tls) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  // Shared municipal computers: nothing signed-in may stay in a cache (the browser's or a proxy's).
  if (!isCacheablePath(options.pathname)) headers['cache-control'] = 'no-store';
  return headers;
}

/**
 * Request bodies larger than this are refused before they are read (413). Imports may be as large as
 * LAGESBILD_IMPORT_MAX_BYTES (default 10 MB, lib/schemas/import.ts) plus room for the multipart framing;
 * Next buffers a body passing the proxy only up to 10 MB, so a declared size above that is refused here
 * rather than cut short.
 */
export function maxBodyBytes(pathname: string, env: SecurityHeaderEnv = {}): number {
  if (!/\/import(?:era)?(?:\/|$)/.test(pathname)) return 1024 * 1024;
  const importMax = Number(env.LAGESBILD_IMPORT_MAX_BYTES) > 0 ? Number(env.LAGESBILD_IMPORT_MAX_BYTES) : 10 * 1024 * 1024;
  return importMax + 64 * 1024;
}
