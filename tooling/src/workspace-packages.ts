import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  private: boolean;
  /** Names of `@bedrock-bridge/*` runtime dependencies. */
  internalDependencies: string[];
  manifest: Record<string, unknown>;
}

/** Every package under `packages/`, published or not, read from disk (nothing hard-coded). */
export function listPublishedPackages(): WorkspacePackage[] {
  const base = join(repoRoot, 'packages');
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map(readPackage)
    .filter((p) => !p.private);
}

export function readPackage(dir: string): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const deps = (manifest.dependencies ?? {}) as Record<string, string>;
  return {
    name: String(manifest.name),
    version: String(manifest.version),
    dir,
    private: manifest.private === true,
    internalDependencies: Object.keys(deps).filter((d) => d.startsWith('@bedrock-bridge/')),
    manifest,
  };
}

/** The package and every internal package it needs at run time, transitively. */
export function withInternalClosure(
  pkg: WorkspacePackage,
  all: WorkspacePackage[],
): WorkspacePackage[] {
  const byName = new Map(all.map((p) => [p.name, p]));
  const seen = new Map<string, WorkspacePackage>();
  const visit = (p: WorkspacePackage): void => {
    if (seen.has(p.name)) return;
    seen.set(p.name, p);
    for (const dep of p.internalDependencies) {
      const found = byName.get(dep);
      if (!found)
        throw new Error(`${p.name} depends on ${dep}, which is not a published workspace package`);
      visit(found);
    }
  };
  visit(pkg);
  return [...seen.values()];
}

/**
 * The first fenced ```js block of a package README: a standalone ESM snippet that users can
 * paste. The pack smoke test and the release test run it, so the docs cannot drift.
 */
export function readmeSnippet(pkg: WorkspacePackage): string {
  const readmePath = join(pkg.dir, 'README.md');
  if (!existsSync(readmePath)) throw new Error(`${pkg.name} has no README.md`);
  const match = /```js\n([\s\S]*?)```/.exec(readFileSync(readmePath, 'utf8'));
  if (!match?.[1]) throw new Error(`${pkg.name}/README.md has no \`\`\`js snippet to run`);
  return match[1];
}
