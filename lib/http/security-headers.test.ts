import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isCacheablePath, isServedOverTls, maxBodyBytes, securityHeaders } from './security-headers';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

describe('security headers', () => {
  it('production scripts need the nonce and never eval', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', env: { NODE_ENV: 'production' }, tls: false });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'style-src')).toBe("style-src 'self' 'nonce-abc'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it("development allows eval for React's dev build only", () => {
    expect(contentSecurityPolicy({ nonce: 'n', env: { NODE_ENV: 'development' }, tls: false })).toContain("'unsafe-eval'");
  });

  it('the basemap, extra origins and identity providers are allowed where they are needed, and nothing else', () => {
    const csp = contentSecurityPolicy({
      nonce: 'n',
      env: {
        NODE_ENV: 'production',
        LAGESBILD_BASEMAP_STYLE_URL: 'https://tiles.example/style.json',
        LAGESBILD_CSP_EXTRA_ORIGINS: 'https://glyphs.example, javascript:alert(1) not-a-url',
        LAGESBILD_OIDC_KOMMUN_ISSUER: 'https://idp.kommun.example/realms/x',
      },
      tls: true,
    });
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' data: blob: https://tiles.example https://glyphs.example");
    expect(directive(csp, 'img-src')).toContain('https://tiles.example');
    expect(directive(csp, 'form-action')).toBe("form-action 'self' https://idp.kommun.example");
    expect(csp).not.toContain('javascript:');
    expect(csp).toContain('upgrade-insecure-requests');
  });

  it('HSTS only when served over TLS (forwarded proto, request or base URL)', () => {
    expect(isServedOverTls({ protocol: 'http:', forwardedProto: 'https' }, {})).toBe(true);
    expect(isServedOverTls({ protocol: 'http:', forwardedProto: null }, { LAGESBILD_BASE_URL: 'https://lagesbild.varnamo.se' })).toBe(true);
    expect(isServedOverTls({ protocol: 'http:', forwardedProto: null }, { LAGESBILD_BASE_URL: 'http://localhost:3000' })).toBe(false);
    expect(securityHeaders({ pathname: '/karta', tls: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(securityHeaders({ pathname: '/karta', tls: false })['strict-transport-security']).toBeUndefined();
  });

  it('everything but static files and the public API is no-store', () => {
    expect(securityHeaders({ pathname: '/api/v1/records/incident/x', tls: false })['cache-control']).toBe('no-store');
    expect(securityHeaders({ pathname: '/karta', tls: false })['cache-control']).toBe('no-store');
    expect(isCacheablePath('/_next/static/chunks/a.js')).toBe(true);
    expect(isCacheablePath('/api/v1/public/aggregates')).toBe(true);
    expect(isCacheablePath('/api/v1/publicity')).toBe(false);
  });

  it('request bodies are capped at 1 MiB, imports at the import limit plus multipart framing', () => {
    expect(maxBodyBytes('/api/v1/records/incident/x')).toBe(1024 * 1024);
    expect(maxBodyBytes('/api/v1/import')).toBe(10 * 1024 * 1024 + 64 * 1024);
    expect(maxBodyBytes('/import', { LAGESBILD_IMPORT_MAX_BYTES: '2000000' })).toBe(2_000_000 + 64 * 1024);
    expect(maxBodyBytes('/api/v1/importantly')).toBe(1024 * 1024);
  });
});
