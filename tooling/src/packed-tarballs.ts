import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Path of each published package's tarball by package name, packed once per run by the
     * tooling global set-up (`global-setup.ts`) and removed when the run ends.
     */
    packedTarballs: Record<string, string>;
  }
}

/**
 * The tarball the global set-up packed for `name`. Throws when there is none, so a test never
 * silently checks less than every published package.
 */
export function packedTarball(name: string): string {
  const tarballs = inject('packedTarballs');
  const file = tarballs?.[name];
  if (!file) {
    throw new Error(
      `no tarball was packed for ${name} (packed: ${Object.keys(tarballs ?? {}).join(', ') || 'none'}); ` +
        'is tooling/vitest.config.ts still naming src/global-setup.ts as its globalSetup?',
    );
  }
  return file;
}
