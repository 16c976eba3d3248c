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
 * Vitest global set-up of the tooling project: builds the published packages with turbo (all
 * cache hits after the root build), packs each ONCE per run with the pinned pnpm and provides
 * the tarball paths to the test files (`packedTarball(name)`), so that publint, attw, the
 * tarball listing and the pack smoke test all check the very same tarballs. Returns the
 * teardown that removes them.
 */
export default async function globalSetup(project: TestProject): Promise<() => void> {
  const started = Date.now();
  const packages = listPublishedPackages();
  const pnpmDir = await pnpmBinDir(pinnedPnpmVersion(repoRoot), repoRoot);
  const build = await ensureBuilt(packages, { root: repoRoot, pnpmDir });
  const dest = mkdtempSync(join(tmpdir(), 'bb-tarballs-'));
  const remove = (): void => rmSync(dest, { recursive: true, force: true });
  try {
    const tarballs = await packPackages(packages, { dest, pnpmDir });
    project.provide('packedTarballs', tarballs);
  } catch (err) {
    remove();
    throw err;
  }
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `tooling: built (turbo: ${build.cached}, ${seconds(build.ms)}) and packed ${packages.length} ` +
      `packages once for this run in ${seconds(Date.now() - started)}`,
  );
  return remove;
}
