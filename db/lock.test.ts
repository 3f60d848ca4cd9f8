import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderLockedError, LOCK_FILE, acquireDataFolderLock } from './lock';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('writes the owner pid and removes the file on release', () => {
    const dir = tempDir();
    const release = acquireDataFolderLock(dir, 'test');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second opener while the owner is alive and names the owner', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, command: 'next start', since: '' }));
    expect(() => acquireDataFolderLock(dir)).toThrowError(DataFolderLockedError);
    expect(() => acquireDataFolderLock(dir)).toThrowError(new RegExp(`process ${process.ppid} \\(next start\\).*DATABASE_URL`));
  });

  it('takes over a lock whose owner has died', () => {
    const dir = tempDir();
    // pid 2^22+ is above Linux's default pid_max, so no process has it.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4_194_999, command: 'crashed', since: '' }));
    const release = acquireDataFolderLock(dir, 'test');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).command).toBe('test');
    release();
  });
});
