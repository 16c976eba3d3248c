const started = performance.now();

/**
 * One progress line on stderr, prefixed with the seconds since the run started,
 * so a long run shows where it is without mixing with the report on stdout.
 */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}
