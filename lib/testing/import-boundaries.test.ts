// STYLE.md's import rules are enforced by ESLint; these prove a wrong import fails the lint step.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('a pure analysis module may not import the database', async () => {
    const errors = await restrictedImportErrors(`import { getDb } from '@/db/client';\nexport const x = getDb;\n`, 'lib/analysis/bad-import.ts');
    expect(errors.join(' ')).toMatch(/Pure folders/);
  });

  it('a pure privacy module may not import React', async () => {
    const errors = await restrictedImportErrors(`import { useState } from 'react';\nexport const x = useState;\n`, 'lib/privacy/bad-import.ts');
    expect(errors.join(' ')).toMatch(/Pure folders/);
  });

  it('a page may not import db/', async () => {
    const errors = await restrictedImportErrors(`import { openDatabase } from '@/db/client';\nexport const x = openDatabase;\n`, 'app/(staff)/karta/bad-import.ts');
    expect(errors.join(' ')).toMatch(/app\/ never imports db/);
  });

  it('a public page may reach lib/server only through lib/server/public', async () => {
    const errors = await restrictedImportErrors(`import { getDb } from '@/lib/server/db';\nexport const x = getDb;\n`, 'app/(public)/bad-import.ts');
    expect(errors.join(' ')).toMatch(/lib\/server\/public/);
  });

  it('a public page may import lib/server/public', async () => {
    const errors = await restrictedImportErrors(
      `import { listPublishedAggregates } from '@/lib/server/public/list-published-aggregates';\nexport const x = listPublishedAggregates;\n`,
      'app/(public)/good-import.ts',
    );
    expect(errors).toEqual([]);
  });
});
