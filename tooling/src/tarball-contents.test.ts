import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from './list-files.js';
import { packedTarball } from './packed-tarballs.js';
import { runCommand } from './run-command.js';
import { tarballProblems } from './tarball-problems.js';
import { listPublishedPackages } from './workspace-packages.js';

const packages = listPublishedPackages();
const work = mkdtempSync(join(tmpdir(), 'bb-tarball-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('each package tarball holds only what users need', () => {
  it.each(packages.map((p) => p.name))('%s', async (name) => {
    // The tarball the global set-up packed with pnpm, shared with the other checks.
    const unpacked = mkdtempSync(join(work, 'unpacked-'));
    const untar = await runCommand('tar', ['-xzf', packedTarball(name), '-C', unpacked], {
      cwd: unpacked,
      timeoutMs: 60_000,
    });
    expect(untar.code, untar.stderr).toBe(0);
    const root = join(unpacked, 'package');
    const files = listFiles(root);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.name).toBe(name);
    expect(tarballProblems(files, manifest, (f) => readFileSync(join(root, f), 'utf8'))).toEqual(
      [],
    );
    expect(files.some((f) => f.startsWith('dist/') && f.endsWith('.js'))).toBe(true);
    // package.json says MIT; the licence text must travel with the code.
    expect(files).toContain('LICENSE');
  });
});
