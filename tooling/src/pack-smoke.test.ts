import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';
import { listPublishedPackages, readmeSnippet, withInternalClosure } from './workspace-packages.js';

const packages = listPublishedPackages();
const work = mkdtempSync(join(tmpdir(), 'bb-pack-smoke-'));
const tarballs = new Map<string, Promise<string>>();

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Packs a package once (pnpm rewrites `workspace:*` to real versions) and returns the tarball. */
function pack(dir: string, name: string): Promise<string> {
  let pending = tarballs.get(name);
  if (!pending) {
    const dest = mkdtempSync(join(work, 'tgz-'));
    pending = runCommand('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dest], {
      cwd: dir,
      timeoutMs: 120_000,
    }).then((r) => {
      if (r.code !== 0) throw new Error(`pnpm pack failed for ${name}: ${r.stderr}`);
      const file = readdirSync(dest).find((f) => f.endsWith('.tgz'));
      if (!file) throw new Error(`pnpm pack wrote no tarball for ${name}`);
      return join(dest, file);
    });
    tarballs.set(name, pending);
  }
  return pending;
}

describe('pack smoke test: each package installs alone from its tarball and runs its README snippet', () => {
  it.each(packages.map((p) => [p.name, p] as const))('%s', async (_name, pkg) => {
    const closure = withInternalClosure(pkg, packages);
    const files = await Promise.all(closure.map((p) => pack(p.dir, p.name)));
    const project = mkdtempSync(join(work, 'project-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    );
    const install = await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files],
      { cwd: project, timeoutMs: 240_000 },
    );
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(join(project, 'snippet.mjs'), readmeSnippet(pkg));
    const run = await runCommand('node', ['snippet.mjs'], { cwd: project, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().length).toBeGreaterThan(0);
  });
});
