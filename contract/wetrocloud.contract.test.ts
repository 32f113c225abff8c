import { describeVendorContract } from './support/describe-vendor-contract';

// Live, the model can be changed with WETROCLOUD_MODEL; gpt-4.1-nano is the one Wetrocloud's own example uses [W13].
const model = process.env.WETROCLOUD_MODEL || 'gpt-4.1-nano';
const body = { model, messages: [{ role: 'user', content: 'Reply with the single word OK.' }] };

describeVendorContract({
  vendor: 'wetrocloud',
  authorization: (apiKey) => `Token ${apiKey}`,
  calls: [
    { operationId: 'createTextGeneration', path: '/text-generation/', body, answer: 'json' },
    {
      operationId: 'createTextGeneration',
      path: '/text-generation/',
      body: { ...body, stream: true },
      answer: { framing: 'ndjson' },
    },
  ],
});
