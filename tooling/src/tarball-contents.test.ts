import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from './list-files.js';
import { runCommand } from './run-command.js';
import { tarballProblems } from './tarball-problems.js';
import { listPublishedPackages } from './workspace-packages.js';

const packages = listPublishedPackages();
const work = mkdtempSync(join(tmpdir(), 'bb-tarball-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('each package tarball holds only what users need', () => {
  it.each(packages.map((p) => [p.name, p] as const))('%s', async (name, pkg) => {
    const dest = mkdtempSync(join(work, 'pack-'));
    const pack = await runCommand(
      'npx',
      ['-y', 'pnpm@10.34.8', 'pack', '--pack-destination', dest],
      { cwd: pkg.dir, timeoutMs: 120_000, processGroup: true },
    );
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    const unpacked = join(dest, 'unpacked');
    mkdirSync(unpacked);
    const untar = await runCommand('tar', ['-xzf', join(dest, tarball), '-C', unpacked], {
      cwd: dest,
      timeoutMs: 60_000,
    });
    expect(untar.code, untar.stderr).toBe(0);
    const root = join(unpacked, 'package');
    const files = listFiles(root);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(tarballProblems(files, manifest, (f) => readFileSync(join(root, f), 'utf8'))).toEqual(
      [],
    );
    expect(files.some((f) => f.startsWith('dist/') && f.endsWith('.js'))).toBe(true);
  });
});
