/** The auth scheme the SDK hands its signer factory (from the resolved endpoint). */
interface AuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
  signingRegionSet?: string[];
  properties?: Record<string, unknown>;
}

type SignerFactory = (authScheme?: AuthScheme) => Promise<unknown>;

/**
 * Keeps the SigV4 signer the SDK's own factory (`config.signer`) builds, one per auth scheme,
 * instead of a new one on every call: the factory copies the whole client config and constructs
 * a `SignatureV4` each time. The kept signer is the SDK's, built from the same config: it still
 * asks the client's credentials provider (with its refresh of expiring credentials) on every
 * signature and signs with each call's date, region and service; the factory itself pins the
 * signing region and name in the config on its first call, so later signers could not differ.
 * A factory that failed is asked again next time.
 */
export function keepSigners(config: { signer?: unknown }): void {
  const factory = config.signer;
  if (typeof factory !== 'function') return;
  const make = factory as SignerFactory;
  const kept = new Map<string, Promise<unknown>>();
  const keptFactory: SignerFactory = (authScheme) => {
    const key = authScheme === undefined ? '' : JSON.stringify(authScheme);
    let signer = kept.get(key);
    if (signer === undefined) {
      signer = make(authScheme);
      kept.set(key, signer);
      signer.catch(() => kept.delete(key));
    }
    return signer;
  };
  config.signer = keptFactory;
}
