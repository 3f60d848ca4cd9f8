import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite resolves its WASM and data files relative to its own package: bundling breaks those paths.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'pg-copy-streams'],
};

export default nextConfig;
