import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';

/**
 * With `BENCH_GC_PROF_DIR` set, records this process's garbage collections (`v8.GCProfiler`) and
 * writes a summary to `gc-<name>-<pid>.json` there when the process exits: the collections by
 * kind, their total pause, and the bytes allocated in the young generation (what each scavenge
 * found in new space, less what the previous one left there), the allocation figure behind
 * "bytes allocated per event". Nothing is recorded without it.
 */
export function recordGcWhenAsked(name: string): void {
  const dir = process.env.BENCH_GC_PROF_DIR;
  if (dir === undefined || dir === '') return;
  const profiler = new v8.GCProfiler();
  profiler.start();
  process.on('exit', () => {
    const result = profiler.stop();
    const kinds: Record<string, { count: number; costMs: number }> = {};
    let youngAllocated = 0;
    let leftInNewSpace = 0;
    const newSpace = (stats: {
      heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[];
    }) => stats.heapSpaceStatistics.find((s) => s.spaceName === 'new_space')?.spaceUsedSize ?? 0;
    for (const gc of result?.statistics ?? []) {
      const kind = kinds[gc.gcType] ?? { count: 0, costMs: 0 };
      kinds[gc.gcType] = kind;
      kind.count += 1;
      kind.costMs += gc.cost / 1000;
      youngAllocated += Math.max(0, newSpace(gc.beforeGC) - leftInNewSpace);
      leftInNewSpace = newSpace(gc.afterGC);
    }
    const summary = { name, pid: process.pid, kinds, youngAllocatedBytes: youngAllocated };
    writeFileSync(
      join(dir, `gc-${name}-${process.pid}.json`),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
  });
}
