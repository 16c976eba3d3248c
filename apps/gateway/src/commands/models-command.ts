import { type DiscoveredModel, discoverModels } from '@bedrock-bridge/models';
import { createStack, isNoCredentialsError } from '../create-stack.js';
import type { ModelsFlags } from '../program.js';

/** One row of `bedrock-bridge models`. */
export interface ModelRowView {
  id: string;
  provider: string;
  access: 'on-demand' | 'profile' | 'profile only';
  contextLength: number;
  tools: boolean;
  vision: boolean;
  reasoning: string;
}

/** Chat models as rows: profiles, and foundation models callable by their bare id. */
export function modelRows(models: readonly DiscoveredModel[]): ModelRowView[] {
  return models
    .filter((m) => m.capabilities.chat)
    .map((m) => ({
      id: m.id,
      provider: m.providerName || m.provider,
      access:
        m.resourceType === 'foundation-model'
          ? m.onDemand
            ? 'on-demand'
            : 'profile only'
          : 'profile',
      contextLength: m.contextLength,
      tools: m.capabilities.toolUse,
      vision: m.capabilities.vision,
      reasoning: m.capabilities.reasoning,
    }));
}

/** Aligns columns; the header underlined. */
export function formatTable(rows: ModelRowView[]): string {
  const cells = rows.map((r) => [
    r.id,
    r.provider,
    r.access,
    String(r.contextLength),
    r.tools ? 'yes' : '-',
    r.vision ? 'yes' : '-',
    r.reasoning === 'none' ? '-' : r.reasoning,
  ]);
  const header = ['MODEL', 'PROVIDER', 'ACCESS', 'CONTEXT', 'TOOLS', 'VISION', 'REASONING'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const render = (c: string[]) =>
    c
      .map((v, i) => (i === 3 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(header), ...cells.map(render)].join('\n');
}

/** `bedrock-bridge models`. */
export async function modelsCommand(flags: ModelsFlags): Promise<void> {
  let stack: Awaited<ReturnType<typeof createStack>>;
  try {
    stack = await createStack({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.emulator ? { emulator: true } : {}),
    });
  } catch (error) {
    if (!isNoCredentialsError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const rows = modelRows(
      await discoverModels({ transport: stack.transport, region: stack.region }),
    );
    if (flags.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      process.stdout.write(
        `${formatTable(rows)}\n\n${rows.length} chat models in ${stack.region}\n`,
      );
  } finally {
    await stack.close();
  }
}
