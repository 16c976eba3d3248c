import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryReport } from './memory-child.js';
import { progress } from './progress.js';
import type { SystemDef } from './systems/system.js';

const CHILD = fileURLToPath(new URL('./memory-child.js', import.meta.url));

/** One system's memory figures, or why it has none. */
export interface MemoryResult {
  system: SystemDef;
  report?: MemoryReport;
  error?: string;
}

function runChild(args: string[], timeoutMs: number): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) {
        resolve(JSON.parse(line) as MemoryReport);
        return;
      }
      const why = signal ? `killed (${signal}) after ${timeoutMs / 1000} s` : `exit code ${code}`;
      reject(new Error(`${why}: ${err.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`));
    });
  });
}

/**
 * Peak RSS of `streams` concurrent streams through each system, every system in a child
 * process of its own (so each figure holds one client stack and nothing else; the emulator
 * runs in yet another process). RSS is per process, so `parallel` children may run at once
 * without touching each other's figures; it only saves wall time.
 */
export async function measureMemory(options: {
  systems: readonly SystemDef[];
  url: string;
  streams: number;
  rounds: number;
  parallel: number;
}): Promise<MemoryResult[]> {
  const queue = [...options.systems];
  const results = new Map<SystemDef, MemoryResult>();
  const worker = async (): Promise<void> => {
    for (let system = queue.shift(); system !== undefined; system = queue.shift()) {
      progress(`memory: ${system.id} (${options.streams} concurrent streams x ${options.rounds})`);
      try {
        const report = await runChild(
          [system.id, options.url, String(options.streams), String(options.rounds)],
          120_000,
        );
        results.set(system, { system, report });
      } catch (err) {
        results.set(system, { system, error: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, () => worker()));
  return options.systems.flatMap((s) => results.get(s) ?? []);
}
