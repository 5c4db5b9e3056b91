// The engine's backup rule on a real folder: names, numbering within one second, pruning order,
// and that nothing but this file's backups is ever removed (the module's side: tests/pwsh/safe-write.test.ts).
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../src/io/atomic-write.js';
import { BACKUP_LIMIT, backupStamp, freeBackupName, listBackups, pruneBackups } from '../../../src/io/backups.js';

const folder = () => mkdtempSync(join(tmpdir(), 'mdi-backups-'));
const AT = new Date(Date.UTC(2026, 11, 5, 7, 8, 9));

describe('backup names', () => {
  it('stamps UTC as yyyyMMdd-HHmmss', () => {
    expect(backupStamp(AT)).toBe('20261205-070809');
  });

  it('numbers further backups within the same second -1, -2', () => {
    const dir = folder();
    expect(freeBackupName(dir, 'a.json', AT)).toBe('a.json.20261205-070809.bak');
    writeFileSync(join(dir, 'a.json.20261205-070809.bak'), '');
    expect(freeBackupName(dir, 'a.json', AT)).toBe('a.json.20261205-070809-1.bak');
    writeFileSync(join(dir, 'a.json.20261205-070809-1.bak'), '');
    expect(freeBackupName(dir, 'a.json', AT)).toBe('a.json.20261205-070809-2.bak');
  });

  it(`prunes to ${BACKUP_LIMIT}, oldest first by time then number, and only this file's backups`, () => {
    const dir = folder();
    const ours = ['20200101-000000', '20200101-000000-1', '20200101-000000-2', ...Array.from({ length: 10 }, (_, i) => `2021010${i}-000000`)].map((s) => `a.json.${s}.bak`);
    const strangers = ['a.json.bak', 'a.json.old.bak', 'b.json.20190101-000000.bak', 'a.json.2026-11-21T22-41-54-412Z.bak'];
    for (const name of [...ours, ...strangers]) writeFileSync(join(dir, name), name);
    expect(pruneBackups(dir, 'a.json')).toEqual(ours.slice(0, 3));
    expect(listBackups(dir, 'a.json').map((b) => b.name)).toEqual(ours.slice(3));
    for (const name of strangers) expect(readdirSync(dir)).toContain(name);
  });
});

describe('writeFileAtomically', () => {
  it('keeps the mode of the file and gives it to the backup; a new file gets the default', () => {
    const dir = folder();
    const path = join(dir, 'secret.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    const outcome = writeFileAtomically(path, Buffer.from('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(outcome.backup!).mode & 0o777).toBe(0o600);
    expect(readFileSync(outcome.backup!, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['secret.json', outcome.backup!.slice(dir.length + 1)].sort());
    const fresh = writeFileAtomically(join(dir, 'new.json'), Buffer.from('x'));
    expect(fresh.backup).toBeNull();
  });

  it('refuses a folder that does not exist with MDI_WRITE_FAILED and leaves nothing', () => {
    const dir = folder();
    expect(() => writeFileAtomically(join(dir, 'missing', 'a.json'), Buffer.from('x'))).toThrow(expect.objectContaining({ code: 'MDI_WRITE_FAILED' }));
    expect(readdirSync(dir)).toEqual([]);
  });
});
