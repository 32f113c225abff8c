import { describeVendorContract } from './support/describe-vendor-contract';

// AITRE's documented example request, capped at 5 tokens; live, the model can be changed with AITRE_MODEL.
const model = process.env.AITRE_MODEL || 'gpt-3.5-turbo-instruct';
const body = { model, prompt: 'Say this is a test', max_tokens: 5, temperature: 0 };

describeVendorContract({
  vendor: 'aitre',
  authorization: (apiKey) => `Bearer ${apiKey}`,
  calls: [
    { operationId: 'createCompletion', path: '/completions', body, answer: 'json' },
    {
      operationId: 'createCompletion',
      path: '/completions',
      body: { ...body, stream: true, stream_options: { include_usage: true } },
      answer: { framing: 'sse', terminator: '[DONE]' },
    },
  ],
});
