import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './ensure-built.js';
import { packPackages } from './pack-packages.js';
import './packed-tarballs.js';
import { pinnedPnpmVersion, pnpmBinDir } from './pnpm-bin.js';
import { listPublishedPackages, repoRoot } from './workspace-packages.js';

/**
 * Vitest global set-up of the tooling project: packs every published package ONCE per run with
 * the pinned pnpm (building first if a `dist/` is missing) and provides the tarball paths to the
 * test files (`packedTarball(name)`), so that publint, attw, the tarball listing and the pack
 * smoke test all check the very same tarballs. Returns the teardown that removes them.
 */
export default async function globalSetup(project: TestProject): Promise<() => void> {
  const started = Date.now();
  const packages = listPublishedPackages();
  await ensureBuilt(packages, { root: repoRoot });
  const dest = mkdtempSync(join(tmpdir(), 'bb-tarballs-'));
  const remove = (): void => rmSync(dest, { recursive: true, force: true });
  try {
    const pnpmDir = await pnpmBinDir(pinnedPnpmVersion(repoRoot), repoRoot);
    const tarballs = await packPackages(packages, { dest, pnpmDir });
    project.provide('packedTarballs', tarballs);
  } catch (err) {
    remove();
    throw err;
  }
  console.log(
    `tooling: packed ${packages.length} packages once for this run in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return remove;
}
