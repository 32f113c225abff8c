import { createAitre } from '@textgen/aitre';
import { createWetrocloud } from '@textgen/wetrocloud';
import OpenAI from 'openai';

/**
 * One way of making the measured call. `call(baseURL)` returns the decoded answer text; the measuring child keeps it
 * referenced until it has read its figures, so what the text costs is counted for every contender alike.
 */
export interface MemoryContender {
  name: string;
  /** The body kind the server sends this contender. */
  body: 'json' | 'ndjson' | 'sse';
  call(baseURL: string): Promise<string>;
}

const apiKey = 'sk-memory-figures';
const model = 'gpt-3.5-turbo-instruct';

async function fetchJson(baseURL: string): Promise<unknown> {
  const response = await fetch(`${baseURL}/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, prompt: 'memory' }),
  });
  return response.json();
}

const contenders: MemoryContender[] = [
  {
    name: 'textgen aitre completions.create',
    body: 'json',
    call: async (baseURL) => {
      const client = createAitre({ apiKey, baseURL, maxRetries: 0 });
      const completion = await client.completions.create({ model, prompt: 'memory' });
      return completion.choices[0]?.text ?? '';
    },
  },
  {
    name: 'openai-node completions.create',
    body: 'json',
    call: async (baseURL) => {
      const client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
      const completion = await client.completions.create({ model, prompt: 'memory' });
      return completion.choices[0]?.text ?? '';
    },
  },
  {
    name: 'fetch + json()',
    body: 'json',
    call: async (baseURL) => {
      const completion = (await fetchJson(baseURL)) as { choices: { text: string }[] };
      return completion.choices[0]?.text ?? '';
    },
  },
  {
    name: 'textgen wetrocloud stream (NDJSON)',
    body: 'ndjson',
    call: async (baseURL) => {
      const client = createWetrocloud({ apiKey, baseURL, maxRetries: 0, bodyEncoding: 'json' });
      const stream = await client.textGeneration.create({
        model,
        messages: [{ role: 'user', content: 'memory' }],
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.response;
      return text;
    },
  },
  {
    name: 'textgen aitre stream (SSE)',
    body: 'sse',
    call: async (baseURL) => {
      const client = createAitre({ apiKey, baseURL, maxRetries: 0 });
      const stream = await client.completions.create({ model, prompt: 'memory', stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
      return text;
    },
  },
  {
    name: 'openai-node stream (SSE)',
    body: 'sse',
    call: async (baseURL) => {
      const client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
      const stream = await client.completions.create({ model, prompt: 'memory', stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
      return text;
    },
  },
  {
    name: 'fetch + text() + JSON.parse per line',
    body: 'ndjson',
    call: async (baseURL) => {
      const response = await fetch(`${baseURL}/text-generation/`, {
        method: 'POST',
        headers: { authorization: `Token ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [], stream: true }),
      });
      const lines = (await response.text()).split('\n').filter((line) => line !== '');
      return lines.map((line) => (JSON.parse(line) as { response: string }).response).join('');
    },
  },
];

export function listMemoryContenders(): readonly MemoryContender[] {
  return contenders;
}

export function findMemoryContender(name: string): MemoryContender {
  const found = contenders.find((contender) => contender.name === name);
  if (!found) throw new Error(`Unknown memory contender ${JSON.stringify(name)}.`);
  return found;
}
