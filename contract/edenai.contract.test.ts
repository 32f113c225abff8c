import { describeVendorContract } from './support/describe-vendor-contract';

// Live, the provider can be changed with EDENAI_PROVIDER (a `provider` or `provider/model` id).
const providers = process.env.EDENAI_PROVIDER || 'openai';
const body = { providers, text: 'Reply with the single word OK.', temperature: 0, max_tokens: 16 };

describeVendorContract({
  vendor: 'edenai',
  authorization: (apiKey) => `Bearer ${apiKey}`,
  calls: [
    { operationId: 'createTextChat', path: '/text/chat/', body, answer: 'json' },
    {
      operationId: 'createTextChat',
      label: 'response_as_dict: false',
      path: '/text/chat/',
      body: { ...body, response_as_dict: false },
      answer: 'json',
    },
    { operationId: 'createTextChatStream', path: '/text/chat/stream/', body, answer: { framing: 'ndjson' } },
  ],
});
