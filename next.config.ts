import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // PGlite resolves its WASM and data files relative to its own package: bundling breaks those paths.
  // @turf/turf: bundled, its convex hull (concaveman → rbush) fails with "… is not a constructor" (analysis cluster hulls).
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'pg-copy-streams', '@turf/turf'],
  // No "X-Powered-By: Next.js": it only helps someone choosing exploits.
  poweredByHeader: false,
  // Every response, static files included; the CSP, HSTS and no-store come from proxy.ts per request.
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
