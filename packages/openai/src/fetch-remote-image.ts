import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import ipaddr from 'ipaddr.js';

/** Settings for fetching `image_url` parts that point at http(s) URLs. */
export interface RemoteImageOptions {
  /**
   * Host names that may be fetched: exact (`images.example.com`) or a wildcard for sub-domains
   * (`*.example.com`). Required: an empty list allows nothing. CLI: `--fetch-images <hosts>`,
   * env `BEDROCK_BRIDGE_FETCH_IMAGES` (comma-separated).
   */
  allowHosts: string[];
  /** Largest image accepted, in bytes. Default 3_932_160 (3.75 MiB, Bedrock's per-image limit). */
  maxBytes?: number;
  /** Deadline for the whole fetch (DNS, connect, body). Default 5000 ms. */
  timeoutMs?: number;
  /**
   * Most distinct remote image URLs one request may carry (more is a 400 naming the first one
   * over). Default 20, Bedrock's image limit for one request to most models.
   */
  maxImages?: number;
  /** Remote images of one request fetched at the same time. Default 4. */
  concurrency?: number;
  /**
   * Also allow private, loopback, link-local and other non-public addresses. Default false;
   * meant for tests against a local server only. Not exposed on the command line.
   */
  allowPrivateAddresses?: boolean;
}

/** The bytes of one fetched image and the type its server declared. */
export interface FetchedImage {
  bytes: Uint8Array;
  contentType: string | undefined;
}

/** Fetches one remote image; throws a `validation` error naming `param` when it may not. */
export type RemoteImageFetcher = (
  url: string,
  param: string,
  signal?: AbortSignal,
) => Promise<FetchedImage>;

function refused(message: string, param: string, cause?: unknown): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'validation',
    message,
    param,
    code: 'invalid_image_url',
    ...(cause === undefined ? {} : { cause }),
  });
}

function hostAllowed(host: string, allow: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allow.some((rule) => {
    const r = rule.toLowerCase().trim();
    if (r.startsWith('*.')) return h.endsWith(r.slice(1)) && h.length > r.length - 1;
    return h === r;
  });
}

/** `::/96`: IPv4-compatible IPv6 (deprecated), which ipaddr.js still calls `unicast`. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Only globally routable unicast addresses pass (no private, loopback, link-local, ...).
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged as the IPv4 address it carries; NAT64, 6to4,
 * Teredo and IPv4-compatible IPv6 are refused outright.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}

/**
 * Creates a fetcher that resolves the host, checks EVERY address it resolves to, and then
 * connects to one of those checked addresses (pinned, so a second DNS answer cannot swap in a
 * private one). Redirects are not followed. Size and time are bounded.
 */
export function createRemoteImageFetcher(options: RemoteImageOptions): RemoteImageFetcher {
  const maxBytes = options.maxBytes ?? 3_932_160;
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (raw, param, signal) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch (cause) {
      throw refused(`The image URL is not a valid URL.`, param, cause);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw refused(`Image URLs must use https, http or data: (got ${url.protocol}).`, param);
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!hostAllowed(host, options.allowHosts)) {
      throw refused(
        `Fetching images from ${host} is not allowed (allowed hosts: ${options.allowHosts.join(', ') || 'none'}).`,
        param,
      );
    }
    // The deadline starts now: it covers the DNS lookup too (which cannot be cancelled, only
    // given up on), and so does the caller's signal.
    const deadline = AbortSignal.timeout(timeoutMs);
    const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const addresses = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await untilAborted(dnsLookup(host, { all: true }), stop).catch((cause: unknown) => {
          if (signal?.aborted) throw signal.reason;
          if (deadline.aborted) {
            throw refused(`Resolving image host ${host} took longer than ${timeoutMs} ms.`, param);
          }
          throw refused(`Could not resolve image host ${host}.`, param, cause);
        });
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked && !options.allowPrivateAddresses) {
      // What a name resolves to stays inside: with a wildcard allowlist, the address in an
      // error would let a client map the internal DNS.
      throw refused(
        isIP(host)
          ? `Image host ${host} is a non-public address; refused.`
          : `Image host ${host} resolves to a non-public address; refused.`,
        param,
      );
    }
    const pinned = addresses[0];
    if (!pinned) throw refused(`Image host ${host} has no address.`, param);
    return download(url, pinned, { maxBytes, timeoutMs, param, signal, deadline });
  };
}

/** `promise`, or a rejection as soon as `signal` aborts (the work itself is not cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function download(
  url: URL,
  pinned: { address: string; family: number },
  o: {
    maxBytes: number;
    timeoutMs: number;
    param: string;
    signal: AbortSignal | undefined;
    deadline: AbortSignal;
  },
): Promise<FetchedImage> {
  const { deadline } = o;
  const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all) {
      (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        pinned,
      ]);
    } else cb(null, pinned.address, pinned.family);
  };
  const get = url.protocol === 'https:' ? https.get : http.get;
  return new Promise<FetchedImage>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) => reject(refused(message, o.param, cause));
    const req = get(url, { lookup, signal, headers: { accept: 'image/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        const hint = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        return fail(`Fetching the image failed: HTTP ${status}${hint}.`);
      }
      const declared = Number(res.headers['content-length'] ?? Number.NaN);
      if (declared > o.maxBytes) {
        res.destroy();
        return fail(`The image is ${declared} bytes; the limit is ${o.maxBytes}.`);
      }
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (part: Buffer) => {
        size += part.length;
        if (size > o.maxBytes) {
          res.destroy();
          fail(`The image is larger than the limit of ${o.maxBytes} bytes.`);
          return;
        }
        parts.push(part);
      });
      res.on('end', () =>
        resolve({
          bytes: new Uint8Array(Buffer.concat(parts)),
          contentType: res.headers['content-type'],
        }),
      );
      res.on('error', (cause) => fail('Reading the image failed.', cause));
    });
    req.on('error', (cause) => {
      if (deadline.aborted) fail(`Fetching the image took longer than ${o.timeoutMs} ms.`, cause);
      else if (o.signal?.aborted) reject(o.signal.reason);
      else {
        // The code only: Node's message names the address it connected to.
        const code = (cause as NodeJS.ErrnoException).code ?? 'connection error';
        fail(`Fetching the image failed (${code}).`, cause);
      }
    });
  });
}
