/**
 * Creates a user on an npm registry that allows sign-up (Verdaccio's htpasswd) through the
 * registry API `npm adduser` uses (`PUT /-/user/org.couchdb.user:<name>`), without a prompt,
 * and returns the bearer token the registry issued for it.
 */
export async function addRegistryUser(
  registryUrl: string,
  name: string,
  password: string,
  timeoutMs = 15_000,
): Promise<string> {
  const url = new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, registryUrl);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password,
      type: 'user',
      roles: [],
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 201) {
    throw new Error(`creating registry user ${name} answered ${res.status}: ${text}`);
  }
  const token = (JSON.parse(text) as { token?: unknown }).token;
  if (typeof token !== 'string' || token.length === 0) {
    throw new Error(`creating registry user ${name} returned no token: ${text}`);
  }
  return token;
}
