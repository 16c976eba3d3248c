import http from 'node:http';

/** Headers of a JSON POST of `body`. */
export function jsonHeaders(body: Buffer): http.OutgoingHttpHeaders {
  return { 'content-type': 'application/json', 'content-length': body.length };
}

/**
 * POSTs pre-built bytes to `path` on `url`'s host over a keep-alive `agent` and hands each
 * chunk of the answer to `onChunk` as it arrives: the leanest client there is, so the figures
 * show the server rather than a client library. Resolves at the end of the answer; rejects on
 * a status other than 200, a socket error or `signal`.
 */
export function postBytes(
  agent: http.Agent,
  url: URL,
  path: string,
  headers: http.OutgoingHttpHeaders,
  body: Buffer,
  onChunk: (chunk: Buffer) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers,
        ...(signal ? { signal } : {}),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`HTTP ${res.statusCode} for POST ${path}`));
          return;
        }
        res.on('data', onChunk);
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
