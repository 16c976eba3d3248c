// Benchmarks of @bedrock-bridge/models, run against the built package (dist/) and the emulator.
//   cd packages/models && npm run build && npm run bench
// Prints one JSON line per figure. Lookup figures are per call; discovery figures per full
// refresh (ListFoundationModels + every ListInferenceProfiles page) over loopback HTTP.
import { startEmulator } from '@bedrock-bridge/emulator';
import { createTransport } from '@bedrock-bridge/transport';
import {
  DiscoveryCache,
  discoverModels,
  getModelCapabilities,
  resolveModelId,
} from '../dist/index.js';

const IDS = [
  'anthropic.claude-3-haiku-20240307-v1:0',
  'us.anthropic.claude-sonnet-4-20250514-v1:0',
  'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'jp.anthropic.claude-haiku-4-5-20251001-v1:0',
  'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0:200k',
  'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
  'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0',
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k7x2m9q1w3e5',
  'amazon.nova-pro-v1:0',
  'us.amazon.nova-premier-v1:0',
  'global.amazon.nova-2-lite-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'us.meta.llama4-scout-17b-instruct-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'us.deepseek.r1-v1:0',
  'cohere.command-r-plus-v1:0',
  'openai.gpt-oss-120b-1:0',
  'qwen.qwen3-coder-480b-a35b-v1:0',
  'acme.unknown-model-v1:0',
];

function nsPerOp(iterations, fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(name, value, unit, extra = {}) {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...extra }));
}

// 1. Lookup (no memo: every call parses and matches the table, what every request pays).
nsPerOp(50_000, (i) => getModelCapabilities(IDS[i % IDS.length])); // warm-up
report(
  'getModelCapabilities (parse + table match)',
  nsPerOp(200_000, (i) => getModelCapabilities(IDS[i % IDS.length])),
  'ns/call',
  { ids: IDS.length },
);
const bare = IDS.filter((id) => !id.startsWith('arn:'));
report(
  'resolveModelId offline (eu-west-1)',
  nsPerOp(500_000, (i) => resolveModelId(bare[i % bare.length], { region: 'eu-west-1' })),
  'ns/call',
  { ids: bare.length },
);

// 2. Discovery of a 200-model catalogue (200 models, 250 profiles) against the emulator.
function catalogue(models) {
  const list = [];
  const profiles = [];
  const regions = ['us-east-1', 'us-west-2'];
  for (let i = 0; i < models; i++) {
    const id = `acme.model-${String(i).padStart(4, '0')}-v1:0`;
    list.push({
      modelId: id,
      modelName: `Acme Model ${i}`,
      providerName: 'Acme',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: i % 2 === 0 ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
      regions,
      contextWindow: 32_000,
      maxOutputTokens: 4096,
      reasoning: 'none',
    });
    for (const prefix of i % 4 === 0 ? ['us', 'global'] : ['us']) {
      profiles.push({
        inferenceProfileId: `${prefix}.${id}`,
        inferenceProfileName: `${prefix.toUpperCase()} Acme Model ${i}`,
        modelId: id,
        regions,
        destinationRegions: regions,
      });
    }
  }
  return { accountId: '123456789012', models: list, inferenceProfiles: profiles };
}

const emulator = await startEmulator({ catalogue: catalogue(200) });
const transport = createTransport({
  region: 'us-east-1',
  endpoint: emulator.url,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  env: {},
});
try {
  for (const [label, pageSize] of [
    ['1 page', undefined],
    ['pages of 50', 50],
  ]) {
    const times = [];
    let count = 0;
    for (let run = 0; run < 25; run++) {
      const start = process.hrtime.bigint();
      const models = await discoverModels({ transport, pageSize });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      count = models.length;
    }
    report(`discoverModels refresh, 200-model catalogue (${label})`, median(times.slice(5)), 'ms', {
      entries: count,
      runs: times.length - 5,
    });
  }
  const hits = [];
  const cache = new DiscoveryCache();
  await discoverModels({ transport, cache });
  for (let i = 0; i < 10_000; i++) {
    const start = process.hrtime.bigint();
    await discoverModels({ transport, cache });
    hits.push(Number(process.hrtime.bigint() - start));
  }
  report('discoverModels cached hit', median(hits) / 1000, 'µs');
} finally {
  await transport.close();
  await emulator.close();
}
