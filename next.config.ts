import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite resolves its WASM and data files relative to its own package: bundling breaks those paths.
  // @turf/turf: bundled, its convex hull (concaveman → rbush) fails with "… is not a constructor" (analysis cluster hulls).
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'pg-copy-streams', '@turf/turf'],
};

export default nextConfig;
