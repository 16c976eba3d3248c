import { isIP } from 'node:net';
import { capText, gatewayError, type OpenAIErrorResponse } from '@bedrock-bridge/openai';

/*
 * DNS rebinding: a web page whose name the attacker re-points at 127.0.0.1 makes the browser
 * send requests to the gateway with the attacker's name in `Host`. Checking `Host` stops that;
 * an IP literal cannot be rebound, so IPs always pass, and `localhost` names do.
 */

/** The host name of a `Host` header, without port, brackets or trailing dot, lower-cased. */
export function hostName(header: string): string {
  let host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end > 0 ? host.slice(1, end) : host;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0 && colon === host.lastIndexOf(':')) host = host.slice(0, colon);
  }
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function matches(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  if (p.startsWith('.')) return host === p.slice(1) || host.endsWith(p);
  return host === p;
}

/**
 * Builds the `Host` check: `undefined` when every host may pass (an API key is set and no list
 * was given, or the list holds `*`). Otherwise IP literals, `localhost`, `*.localhost` and the
 * listed names (exact, or `*.example.com` for sub-domains) pass; anything else is a 403.
 */
export function hostAllowlist(
  allowedHosts: readonly string[] | undefined,
  apiKeySet: boolean,
): ((host: string | undefined) => OpenAIErrorResponse | undefined) | undefined {
  if (allowedHosts?.includes('*') || (allowedHosts === undefined && apiKeySet)) return undefined;
  const patterns = ['localhost', '*.localhost', ...(allowedHosts ?? [])];
  return (header) => {
    if (header === undefined) return undefined; // HTTP/1.0; browsers always send one
    const host = hostName(header);
    if (isIP(host) !== 0 || patterns.some((p) => matches(host, p))) return undefined;
    return gatewayError(
      403,
      `Host '${capText(host, 64)}' is not allowed (a protection against DNS rebinding). Call the gateway by IP address or localhost, or list the name with --allowed-hosts.`,
      { code: 'host_not_allowed', param: null },
    );
  };
}
