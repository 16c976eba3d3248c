import { readdirSync, readFileSync } from 'node:fs';

/**
 * Sends `signal` to every process of the session `sid` (a child spawned with `detached: true`
 * leads its own session), then to its process group. Tools such as turbo start their tasks in
 * process groups of their own, so killing the group alone leaves a `tsc` writing into a folder
 * that is about to be removed; the session still holds them. Sessions are read from /proc
 * (Linux); elsewhere only the group is signalled. Returns how many processes were signalled.
 */
export function killSession(sid: number, signal: NodeJS.Signals): number {
  let signalled = 0;
  for (const pid of sessionMembers(sid)) {
    try {
      process.kill(pid, signal);
      signalled++;
    } catch {
      // It exited in the meantime.
    }
  }
  try {
    process.kill(-sid, signal);
    signalled++;
  } catch {
    // No such group any more.
  }
  return signalled;
}

function sessionMembers(sid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && sessionOf(pid) === sid);
}

/** The session id in /proc/<pid>/stat: the 4th field after the `(command)` one. */
function sessionOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[3]);
  } catch {
    return undefined;
  }
}
