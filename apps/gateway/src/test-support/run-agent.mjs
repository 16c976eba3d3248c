// Runs an OpenAI Agents SDK agent with one function tool against the gateway named by
// OPENAI_BASE_URL, and prints what happened as one JSON line. Plain JavaScript: the SDK needs
// Node 22, so the test starts this file under Node 22 (`npx -p node@22 node run-agent.mjs`).
import { Agent, run, setTracingDisabled, tool } from '@openai/agents';

setTracingDisabled(true);
const calls = [];
const getWeather = tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
  execute: async (input) => {
    calls.push(input);
    return 'sunny, 21C';
  },
});
const agent = new Agent({
  name: 'Weather',
  instructions: 'Answer with the weather.',
  model: process.env.AGENT_MODEL,
  tools: [getWeather],
});
const result = await run(agent, 'call get_weather for Lisbon');
process.stdout.write(`${JSON.stringify({ finalOutput: result.finalOutput, calls })}\n`);
