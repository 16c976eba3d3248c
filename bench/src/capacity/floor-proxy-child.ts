import http from 'node:http';
import { recordGcWhenAsked } from '../gc-profile.js';
import { serveUntilStdinCloses } from '../service-process.js';

/**
 * The floor of the capacity bench: a bare `node:http` reverse proxy that forwards the bytes it
 * gets (method, path, headers, body) to the emulator and the emulator's answer back, with no
 * parsing, no conversion, no signing and no decoding. Whatever the gateway costs above this is
 * its own work. Prints `{"url": ...}` once listening; exits when stdin closes (`serveUntilStdinCloses`).
 * Argument: `--upstream URL` (the emulator).
 */
function main(): void {
  const args = process.argv.slice(2);
  const i = args.indexOf('--upstream');
  const upstream = new URL(args[i + 1] ?? '');
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    const out = http.request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`floor proxy: ${err.message}`);
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 30_000;
  // The same accept queue as the gateway's (LISTEN_BACKLOG), so a burst of connections is fair to both.
  server.listen(0, '127.0.0.1', 4096, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    serveUntilStdinCloses(
      `http://127.0.0.1:${port}`,
      () =>
        new Promise<void>((resolve) => {
          agent.destroy();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
  });
}

recordGcWhenAsked('floor');
main();
