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
  /** Every `@bedrock-bridge/*` entry of every dependency field, with its range as written. */
  internalDependencyRanges: InternalDependencyRange[];
  manifest: Record<string, unknown>;
}

/** Every public package under `packages/` of `root` (default: this repository), read from disk. */
export function listPublishedPackages(root: string = repoRoot): WorkspacePackage[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map(readPackage)
    .filter((p) => !p.private);
}

/**
 * Every project `pnpm-workspace.yaml` lists (`dir/*` and plain `dir` entries), private ones
 * included, read from disk. Other glob forms throw: extend this reader before using them.
 */
export function listWorkspacePackages(root: string = repoRoot): WorkspacePackage[] {
  const patterns = workspacePatterns(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'));
  const dirs = patterns.flatMap((pattern) => {
    if (pattern.startsWith('!')) return [];
    if (/^[\w.-]+(\/[\w.-]+)*\/\*$/.test(pattern)) {
      const base = join(root, pattern.slice(0, -2));
      return existsSync(base) ? readdirSync(base).map((entry) => join(base, entry)) : [];
    }
    if (/^[\w.-]+(\/[\w.-]+)*$/.test(pattern)) return [join(root, pattern)];
    throw new Error(`pnpm-workspace.yaml pattern "${pattern}" is not supported by this reader`);
  });
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).map(readPackage);
}

/** The entries of the top-level `packages:` list of a pnpm-workspace.yaml. */
function workspacePatterns(yaml: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of yaml.split('\n')) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true;
    } else if (inPackages && /^\s+-\s+/.test(line)) {
      patterns.push(
        line
          .replace(/^\s+-\s+/, '')
          .replace(/\s+#.*$/, '')
          .replace(/^["']|["']$/g, ''),
      );
    } else if (inPackages && /^\S/.test(line)) {
      inPackages = false;
    }
  }
  if (patterns.length === 0) throw new Error('pnpm-workspace.yaml lists no packages');
  return patterns;
}

/** The manifest fields that can name another package of the workspace. */
export const dependencyFields = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'devDependencies',
] as const;

export type DependencyField = (typeof dependencyFields)[number];

export interface InternalDependencyRange {
  name: string;
  /** The range as written in the manifest, for example `workspace:*`. */
  range: string;
  field: DependencyField;
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
    internalDependencyRanges: dependencyFields.flatMap((field) =>
      Object.entries((manifest[field] ?? {}) as Record<string, string>)
        .filter(([name]) => name.startsWith('@bedrock-bridge/'))
        .map(([name, range]) => ({ name, range, field })),
    ),
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
  return readmeSnippetIn(pkg.dir, pkg.name);
}

/**
 * The same snippet read from any folder holding the package, for example the copy npm
 * installed from a registry (so the test runs the README that was actually published).
 */
export function readmeSnippetIn(dir: string, name: string): string {
  const readmePath = join(dir, 'README.md');
  if (!existsSync(readmePath)) throw new Error(`${name} has no README.md (looked in ${dir})`);
  const match = /```js\n([\s\S]*?)```/.exec(readFileSync(readmePath, 'utf8'));
  if (!match?.[1]) throw new Error(`${name}/README.md has no \`\`\`js snippet to run`);
  return match[1];
}
