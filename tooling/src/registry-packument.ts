/** The parts of a registry's package document the release test reads. */
export interface Packument {
  versions: string[];
  distTags: Record<string, string>;
  /** Publish time of each version, plus `created` and `modified`. */
  time: Record<string, string>;
}

/**
 * Fetches a package's document from a registry; `undefined` when the registry has never heard
 * of it (404). Any other answer throws.
 */
export async function fetchPackument(
  registryUrl: string,
  name: string,
  timeoutMs = 15_000,
): Promise<Packument | undefined> {
  const url = new URL(name.replace('/', '%2f'), registryUrl);
  const res = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  const doc = (await res.json()) as {
    versions?: Record<string, unknown>;
    'dist-tags'?: Record<string, string>;
    time?: Record<string, string>;
  };
  return {
    versions: Object.keys(doc.versions ?? {}),
    distTags: doc['dist-tags'] ?? {},
    time: doc.time ?? {},
  };
}
