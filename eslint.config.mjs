// Import boundaries from STYLE.md, enforced so that a wrong import fails lint instead of a review.
import tseslint from 'typescript-eslint';

const PURE = ['lib/domain', 'lib/schemas', 'lib/analysis', 'lib/privacy', 'lib/geo', 'lib/map'];
const dbPatterns = ['@/db', '@/db/*', '**/db/*', '../db', '../../db', '../../../db'];
const impurePatterns = ['react', 'react-dom', 'react/*', 'next', 'next/*', 'pg', 'kysely', '@electric-sql/*', 'node:fs', 'node:fs/*', 'fs', 'node:child_process', 'server-only'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', '.data-*/**', 'public/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: PURE.flatMap((p) => [`${p}/**/*.ts`, `${p}/**/*.tsx`]),
    ignores: ['**/*.test.ts', '**/*.worker.ts', 'lib/analysis/fixtures/**'],
    rules: restrict([...impurePatterns, ...dbPatterns, '@/lib/server/*', '@/lib/server', '@/app/*'], 'Pure folders (STYLE.md rule 1) import no React, Next, database or I/O.'),
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: restrict(dbPatterns, 'app/ never imports db/: go through lib/server (STYLE.md rule 2).'),
  },
  {
    files: ['app/(public)/**/*.ts', 'app/(public)/**/*.tsx', 'app/api/public/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: dbPatterns, message: 'Public pages and routes reach data only through lib/server/public (DESIGN.md §8).' },
            // Anything in lib/server except lib/server/public.
            { regex: '^@/lib/server(/(?!public(/|$)).*)?$', message: 'Public pages and routes reach data only through lib/server/public (DESIGN.md §8).' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/migrations/**/*.ts'],
    rules: restrict(['@/lib/*', '@/app/*', '../../lib/*', '../../app/*'], 'Migrations import nothing from the app: they must stay runnable as written.'),
  },
);
