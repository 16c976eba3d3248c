import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A child's memory right after a full garbage collection (bytes): what it holds, without the
 * garbage and the free pages its RSS also counts.
 */
export interface LiveMemory {
  /** V8 heap in use. */
  heapUsed: number;
  /** Memory of buffers and other objects held outside the V8 heap. */
  external: number;
  rss: number;
}

/** The line a parent writes to a child's stdin to get its `LiveMemory` back. */
const LIVE_MEMORY_COMMAND = 'live-memory';
/** How the child's answer starts (one JSON line on its stdout). */
const LIVE_MEMORY_REPLY = '{"liveMemory":';

/** A server (emulator or gateway) running in a child process of its own. */
export interface ServiceProcess {
  url: string;
  /** The child's process id (for `/proc/<pid>` figures). */
  pid: number;
  /**
   * Makes the child run a full garbage collection and report its `LiveMemory` (children that
   * serve with `serveUntilStdinCloses`). The collection pauses the child for a few tens of ms.
   */
  liveMemory(): Promise<LiveMemory>;
  close(): Promise<void>;
}

/** How `spawnService` starts a child, besides its script and arguments. */
export interface SpawnOptions {
  /** Node's own flags for the child (e.g. `--trace-gc-nvp`), before the script. Default none. */
  nodeFlags?: string[];
  /**
   * Every line the child prints on stdout other than its URL and `live-memory` replies (e.g. a
   * V8 trace), in order, also before the URL. Without it, a line before the URL is an error.
   */
  onLine?: (line: string) => void;
}

/**
 * Starts `script` (a file next to this one, e.g. `emulator-child.js`) with `args` and waits
 * for the `{"url": ...}` line it prints. The child exits when its stdin closes, so it cannot
 * outlive the bench process. `cpu` pins it to those cores (`taskset -c`, which execs Node, so
 * the pid is Node's). With `BENCH_CPU_PROF_DIR` set, each child writes a V8 CPU profile
 * (`--cpu-prof`) into that directory when it exits, named with its pid.
 */
export async function spawnService(
  script: string,
  args: string[],
  cpu?: string,
  options: SpawnOptions = {},
): Promise<ServiceProcess> {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const command = [
    process.execPath,
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(options.nodeFlags ?? []),
    file,
    ...args,
  ];
  const [exe = '', ...rest] = cpu === undefined ? command : ['taskset', '-c', cpu, ...command];
  const child: ChildProcess = spawn(exe, rest, {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((memory: LiveMemory) => void)[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let found = false;
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (found && line.startsWith(LIVE_MEMORY_REPLY)) {
        waiting.shift()?.((JSON.parse(line) as { liveMemory: LiveMemory }).liveMemory);
      } else if (!found && line.startsWith('{"url"')) {
        found = true;
        try {
          resolve((JSON.parse(line) as { url: string }).url);
        } catch (err) {
          reject(new Error(`${script} printed "${line}" instead of its URL`, { cause: err }));
        }
      } else if (options.onLine !== undefined) {
        options.onLine(line);
      } else if (!found) {
        reject(new Error(`${script} printed "${line}" instead of its URL`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.once('error', reject);
  });
  return {
    url,
    pid: child.pid ?? 0,
    liveMemory() {
      return new Promise<LiveMemory>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null || !child.stdin) {
          reject(new Error(`${script} has exited: no live memory to read`));
          return;
        }
        waiting.push(resolve);
        child.stdin.write(`${LIVE_MEMORY_COMMAND}\n`);
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An emulator with `deltas` text deltas per answer and `paceMs` between stream events. */
export function spawnEmulator(options: {
  deltas: number;
  paceMs: number;
  /** Forget recorded requests every second (a load test would otherwise keep every body). */
  forget?: boolean;
  cpu?: string;
}): Promise<ServiceProcess> {
  return spawnService(
    'emulator-child.js',
    [
      '--deltas',
      String(options.deltas),
      '--pace',
      String(options.paceMs),
      ...(options.forget === true ? ['--forget'] : []),
    ],
    options.cpu,
  );
}

/**
 * The gateway app with default settings in front of `endpoint`; `args` are `gateway-child`'s
 * other flags (e.g. `--max-in-flight N`).
 */
export function spawnGateway(
  endpoint: string,
  marks = false,
  cpu?: string,
  args: string[] = [],
): Promise<ServiceProcess> {
  return spawnService(
    'gateway-child.js',
    ['--endpoint', endpoint, ...(marks ? ['--marks'] : []), ...args],
    cpu,
  );
}

/**
 * The child's side of `spawnService`: prints `{"url": ...}` and, when stdin closes (the parent
 * closed it or exited) or on SIGTERM, runs `close` and exits. Answers the `live-memory` command
 * (`ServiceProcess.liveMemory`). Returns stdin's line reader for a child that also takes
 * commands of its own.
 */
export function serveUntilStdinCloses(url: string, close: () => Promise<void>): Interface {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = (): void => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('close', stop);
  lines.on('line', (line) => {
    if (line === LIVE_MEMORY_COMMAND) {
      process.stdout.write(`${LIVE_MEMORY_REPLY}${JSON.stringify(liveMemoryNow())}}\n`);
    }
  });
  process.on('SIGTERM', stop);
  return lines;
}

/**
 * This process's `LiveMemory`: a full collection (V8's `gc`, exposed on demand so that the
 * child runs with Node's default flags until asked), then `process.memoryUsage()`.
 */
function liveMemoryNow(): LiveMemory {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsed, external, rss };
}

/** Runs a child's `main`, reporting a failure on stderr with the child's name and exit code 1. */
export function runChild(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${name}: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
