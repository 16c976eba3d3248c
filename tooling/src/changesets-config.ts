import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The parts of `.changeset/config.json` that decide which packages a release versions.
 * (`updateInternalDependencies` only decides whether a dependent whose range still accepts the
 * new version gets its range rewritten; `workspace:*` never accepts it, so it plays no part.)
 */
export interface ChangesetsConfig {
  /** `privatePackages.version`: whether private packages get versions. Changesets' default `true`. */
  versionPrivatePackages: boolean;
  /** `ignore`: packages never versioned. Default `[]`. */
  ignore: string[];
}

/**
 * Reads `.changeset/config.json` under `root`. Throws on settings the release test's model of
 * changesets does not cover (`fixed`, `linked`, experimental options) rather than guessing.
 */
export function readChangesetsConfig(root: string): ChangesetsConfig {
  const path = join(root, '.changeset', 'config.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  for (const key of ['fixed', 'linked'] as const) {
    const groups = raw[key];
    if (Array.isArray(groups) && groups.length > 0) {
      throw new Error(`${path}: "${key}" groups are not modelled by expectedReleases`);
    }
  }
  if (raw.___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH !== undefined) {
    throw new Error(`${path}: experimental options are not modelled by expectedReleases`);
  }
  const privatePackages = raw.privatePackages as { version?: unknown } | false | undefined;
  return {
    versionPrivatePackages:
      privatePackages === false ? false : (privatePackages?.version ?? true) !== false,
    ignore: Array.isArray(raw.ignore) ? raw.ignore.map(String) : [],
  };
}
