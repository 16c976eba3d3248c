import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from './load-plan.js';

/**
 * Runs one load-generator process pinned to `cpu` and returns what it measured (under
 * `--cpu-prof` when `BENCH_CPU_PROF_DIR` is set, as every bench child).
 */
export function runLoad(plan: LoadPlan, cpu: string): Promise<LoadResult> {
  const file = fileURLToPath(new URL('./load-child.js', import.meta.url));
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    'taskset',
    ['-c', cpu, process.execPath, ...profile, file, JSON.stringify(plan)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    out += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    err += c;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`load generator exited with ${code}: ${err.slice(-500)}`));
        return;
      }
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch (cause) {
        reject(new Error(`load generator printed "${out.slice(0, 200)}"`, { cause }));
      }
    });
  });
}
