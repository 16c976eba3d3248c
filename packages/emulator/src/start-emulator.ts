import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttp2Server, type ServerHttp2Session } from 'node:http2';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { queueScript } from './admin-api.js';
import { assertCatalogue, defaultCatalogue } from './catalogue.js';
import { generateCertificate } from './certificate.js';
import { type Connection, Exchange } from './exchange.js';
import { FaultQueue } from './fault-queue.js';
import { type EmulatorState, handleRequest } from './handle-request.js';
import { PromptCache } from './prompt-cache.js';
import type { Emulator, EmulatorOptions, Fault } from './types.js';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * Starts a local Bedrock (runtime and control plane) on one port that speaks HTTP/1.1 and
 * h2c (prior knowledge), or, with `tls`, HTTPS with HTTP/2 or HTTP/1.1 negotiated by ALPN.
 * Resolves once it listens.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const catalogue = options.catalogue ?? defaultCatalogue;
  assertCatalogue(catalogue);
  const pem =
    options.tls === true ? await generateCertificate() : options.tls ? options.tls : undefined;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const state: EmulatorState = {
    catalogue,
    region: options.region ?? 'us-east-1',
    paceMs: options.paceMs ?? 0,
    deltas: options.deltas ?? 8,
    denyStreamingFor: options.denyStreamingFor ?? [],
    faults: new FaultQueue(),
    scripts: [],
    requests: [],
    nextScript: () => state.scripts.shift(),
    promptCache: new PromptCache(),
    log: options.log,
    sleep: (ms) =>
      new Promise((resolve) => {
        if (closed) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };
  const connections = new Map<Socket, Connection>();
  const allSockets = new Set<Socket>();
  const counters = { open: 0, total: 0 };
  let pendingSession: Connection | undefined;

  const serve = (connection: Connection | undefined, req: never, res: never) => {
    if (!connection) return;
    void handleRequest(state, new Exchange(connection, req, res)).catch(() => {});
  };
  const http1 = createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) =>
    serve(connections.get(req.socket), req as never, res as never),
  );
  http1.on('clientError', (_err, socket) => socket.destroy());
  const sessions = new WeakMap<ServerHttp2Session, Connection>();
  const http2 = createHttp2Server();
  http2.on('session', (session) => {
    if (!pendingSession) return;
    pendingSession.session = session;
    sessions.set(session, pendingSession);
    session.on('error', () => {});
  });
  http2.on('sessionError', () => {});
  http2.on('request', (req, res) => {
    req.stream.on('error', () => {});
    serve(sessions.get(req.stream.session as ServerHttp2Session), req as never, res as never);
  });

  /** TLS mode: a TLS server does the handshake; its ALPN result picks `h2`, else HTTP/1.1. */
  const ids = new WeakMap<Socket, number>();
  const tlsServer = pem
    ? createTlsServer({ cert: pem.cert, key: pem.key, ALPNProtocols: ['h2', 'http/1.1'] })
    : undefined;
  tlsServer?.on('tlsClientError', () => {});
  tlsServer?.on('secureConnection', (socket: TLSSocket) => {
    // Node's TLSSocket keeps the TCP socket it wraps as `_parent` (what a `reset` fault aborts).
    const raw = (socket as unknown as { _parent?: Socket })._parent;
    const isH2 = socket.alpnProtocol === 'h2';
    const connection: Connection = {
      id: (raw && ids.get(raw)) ?? 0,
      socket,
      ...(raw ? { rawSocket: raw } : {}),
      protocol: isH2 ? 'http2' : 'http1',
    };
    socket.on('error', () => {});
    connections.set(socket, connection);
    socket.once('close', () => connections.delete(socket));
    if (isH2) {
      pendingSession = connection;
      http2.emit('connection', socket);
      pendingSession = undefined;
    } else {
      http1.emit('connection', socket);
    }
  });

  const dispatch = (socket: Socket, id: number, bytes: Buffer) => {
    const isH2 = bytes.subarray(0, PREFACE.length).equals(PREFACE);
    const connection: Connection = {
      id,
      socket,
      protocol: isH2 ? 'http2' : 'http1',
    };
    connections.set(socket, connection);
    socket.unshift(bytes);
    if (isH2) {
      pendingSession = connection;
      http2.emit('connection', socket);
      pendingSession = undefined;
    } else {
      http1.emit('connection', socket);
    }
  };

  /** Reads until the bytes tell HTTP/2's preface from HTTP/1.1; `id` is the accept order. */
  const sniff = (socket: Socket, id: number) => {
    let buffered = Buffer.alloc(0);
    const onReadable = () => {
      let chunk: Buffer | null = socket.read();
      while (chunk !== null) {
        buffered = Buffer.concat([buffered, chunk]);
        chunk = socket.read();
      }
      const enough = buffered.length >= PREFACE.length;
      const prefixOfPreface = PREFACE.subarray(0, buffered.length).equals(
        buffered.subarray(0, PREFACE.length),
      );
      if (!enough && prefixOfPreface) return;
      socket.off('readable', onReadable);
      dispatch(socket, id, buffered);
    };
    socket.on('readable', onReadable);
  };

  // Bedrock writes each event as soon as it has it; without noDelay, Nagle's algorithm holds
  // small event frames back until the peer's delayed ACK (~40 ms a stream on loopback).
  const server = createNetServer({ noDelay: true }, (socket) => {
    counters.open += 1;
    counters.total += 1;
    allSockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => {
      counters.open -= 1;
      allSockets.delete(socket);
      connections.delete(socket);
    });
    if (closed) {
      socket.destroy();
      return;
    }
    if (tlsServer) {
      ids.set(socket, counters.total);
      tlsServer.emit('connection', socket);
    } else {
      sniff(socket, counters.total);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `${pem ? 'https' : 'http'}://${host}:${address.port}`,
    ...(pem ? { certificate: pem.cert } : {}),
    inject: (fault: Fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    script: (answer) => queueScript(state.scripts, answer),
    requests: state.requests,
    connections: counters,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      const sockets = [...allSockets];
      const socketsClosed = sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.closed) resolve();
            else socket.once('close', () => resolve());
          }),
      );
      for (const connection of connections.values()) connection.session?.destroy();
      for (const socket of sockets) socket.destroy();
      http1.close();
      http2.close();
      tlsServer?.close();
      await Promise.all([done, ...socketsClosed]);
    },
  };
}
