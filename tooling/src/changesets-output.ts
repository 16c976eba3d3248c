/** What one run of `changeset publish` said it did, read from its log lines. */
export interface PublishReport {
  /** Packages it decided to publish, with the version (`... is being published because ...`). */
  publishing: Map<string, string>;
  /** Packages it skipped as already on the registry (`... is not being published because ...`). */
  skipped: Map<string, string>;
  /** Packages listed under `packages published successfully:`. */
  published: Map<string, string>;
  /** Packages listed under `packages failed to publish:`. */
  failed: Map<string, string>;
  /** Whether it ended with `No unpublished projects to publish`. */
  nothingToPublish: boolean;
}

/**
 * Reads the log of `changeset publish` (changesets 2.x wording). Throws when the log holds none
 * of the lines it looks for, so a change of wording fails loudly instead of reading as "nothing".
 */
export function parsePublishOutput(output: string): PublishReport {
  const report: PublishReport = {
    publishing: new Map(),
    skipped: new Map(),
    published: new Map(),
    failed: new Map(),
    nothingToPublish: false,
  };
  let list: Map<string, string> | undefined;
  for (const raw of output.split('\n')) {
    const line = raw
      .replace(/\x1b\[[0-9;]*m/g, '')
      .replace(/^🦋\s+/u, '')
      .replace(/^(info|warn|error|success)\s+/, '');
    let m = /^(@?[\w./-]+) is being published because our local version \((.+?)\)/.exec(line);
    if (m?.[1] && m[2]) report.publishing.set(m[1], m[2]);
    m = /^(@?[\w./-]+) is not being published because version (\S+) is already published/.exec(
      line,
    );
    if (m?.[1] && m[2]) report.skipped.set(m[1], m[2]);
    if (/^No unpublished projects to publish/.test(line)) report.nothingToPublish = true;
    if (/^packages published successfully:/.test(line)) {
      list = report.published;
      continue;
    }
    if (/^packages failed to publish:/.test(line)) {
      list = report.failed;
      continue;
    }
    m = /^(@?[\w./-]+)@(\d[^\s]*)$/.exec(line.trim());
    if (list && m?.[1] && m[2]) list.set(m[1], m[2]);
    else if (list && line.trim() !== '') list = undefined;
  }
  const seen =
    report.publishing.size + report.skipped.size + report.published.size + report.failed.size;
  if (seen === 0 && !report.nothingToPublish) {
    throw new Error(`changeset publish printed nothing this parser recognises:\n${output}`);
  }
  return report;
}
