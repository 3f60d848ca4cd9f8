import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@/lib/testing/test-database';

const root = path.resolve(__dirname, '..');

function waitForLine(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

// Only the embedded database has a data folder to protect.
describe.runIf(testBackend() === 'pglite')('two processes on one embedded data folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-lock-int-'));
  let holder: ChildProcess | undefined;
  afterAll(() => {
    holder?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns the second opener away within 2 s, naming the holder', async () => {
    holder = spawn(process.execPath, ['--import', 'tsx', 'lib/testing/hold-database.ts', dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    await waitForLine(holder, 'ready', 90_000);

    const started = Date.now();
    const second = spawn(process.execPath, ['bin/lagesbild.mjs', 'health'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', LAGESBILD_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    second.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    const elapsed = Date.now() - started;

    expect(code).toBe(1);
    expect(stderr).toContain(`in use by process ${holder.pid}`);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(elapsed).toBeLessThan(2000);
  });
});
