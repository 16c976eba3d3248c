import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Detailed tables a test produces go to `reports/<name>` at the repository root rather than to
 * the test output, which stays a short summary; a failing assertion names the file.
 */
export function testReportPath(name: string): string {
  return fileURLToPath(new URL(`../../../../reports/${name}`, import.meta.url));
}

/** Writes `text` to the report `name` and returns its path. */
export function writeTestReport(name: string, text: string): string {
  const path = testReportPath(name);
  mkdirSync(fileURLToPath(new URL('../../../../reports/', import.meta.url)), { recursive: true });
  writeFileSync(path, text);
  return path;
}
