import type { ChangesetsConfig } from './changesets-config.js';
import type { DependencyField, WorkspacePackage } from './workspace-packages.js';

export type BumpType = 'patch' | 'minor' | 'major';

export interface ExpectedRelease {
  type: BumpType;
  oldVersion: string;
  newVersion: string;
}

const order: Record<BumpType, number> = { patch: 1, minor: 2, major: 3 };

/**
 * Which packages `changeset version` must version for a set of changesets, computed from the
 * workspace graph independently of changesets' own code, following its documented rules:
 * a package named in a changeset gets that bump; a package that depends on a versioned one
 * (`dependencies`, `optionalDependencies`) gets at least a patch when the new version leaves
 * its range; a `peerDependencies` dependent gets a major when the dependency gets more than a
 * patch; `devDependencies` never version a dependent. Private packages are left alone when
 * the config says so, and so are ignored ones.
 */
export function expectedReleases(
  packages: WorkspacePackage[],
  config: ChangesetsConfig,
  changesets: Record<string, BumpType>,
): Map<string, ExpectedRelease> {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const versioned = (p: WorkspacePackage): boolean =>
    !config.ignore.includes(p.name) && (config.versionPrivatePackages || !p.private);
  const types = new Map<string, BumpType>();
  const queue: string[] = [];
  const raise = (name: string, type: BumpType): void => {
    const current = types.get(name);
    if (current !== undefined && order[current] >= order[type]) return;
    types.set(name, type);
    queue.push(name);
  };

  for (const [name, type] of Object.entries(changesets)) {
    const pkg = byName.get(name);
    if (!pkg) throw new Error(`a changeset names ${name}, which is not in the workspace`);
    if (!versioned(pkg)) throw new Error(`a changeset names ${name}, which is never versioned`);
    raise(name, type);
  }

  while (queue.length > 0) {
    const name = queue.shift()!;
    const dependency = byName.get(name)!;
    const type = types.get(name)!;
    const newVersion = bumpVersion(dependency.version, type);
    for (const dependent of packages.filter(versioned)) {
      for (const edge of dependent.internalDependencyRanges.filter((e) => e.name === name)) {
        const bump = dependentBump(edge.field, type, () =>
          rangeAllows(edge.range, dependency.version, newVersion, dependent.name),
        );
        if (bump) raise(dependent.name, bump);
      }
    }
  }

  return new Map(
    [...types].map(([name, type]) => {
      const oldVersion = byName.get(name)!.version;
      return [name, { type, oldVersion, newVersion: bumpVersion(oldVersion, type) }];
    }),
  );
}

function dependentBump(
  field: DependencyField,
  dependencyBump: BumpType,
  inRange: () => boolean,
): BumpType | undefined {
  switch (field) {
    case 'devDependencies':
      return undefined;
    case 'peerDependencies':
      if (dependencyBump !== 'patch') return 'major';
      return inRange() ? undefined : 'patch';
    case 'dependencies':
    case 'optionalDependencies':
      return inRange() ? undefined : 'patch';
    default: {
      const unreachable: never = field;
      throw new Error(`unknown dependency field ${String(unreachable)}`);
    }
  }
}

/**
 * Whether a dependent's range still accepts the dependency's new version. Changesets reads
 * `workspace:*` as the dependency's current exact version, so any new version leaves it.
 * Other range forms throw, so that a change of convention cannot make this test vacuous.
 */
function rangeAllows(range: string, oldVersion: string, newVersion: string, who: string): boolean {
  if (range === 'workspace:*') return newVersion === oldVersion;
  throw new Error(
    `${who} uses the internal range "${range}"; only "workspace:*" is modelled by expectedReleases`,
  );
}

/** `x.y.z` plus a bump, as `semver.inc` does it. Pre-releases are not modelled and throw. */
export function bumpVersion(version: string, type: BumpType): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`version "${version}" is not a plain x.y.z version`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  switch (type) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
    default: {
      const unreachable: never = type;
      throw new Error(`unknown bump ${String(unreachable)}`);
    }
  }
}
