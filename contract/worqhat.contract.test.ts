import { listMockOperations } from '@textgen/mocks';
import { contractMode } from './support/contract-target';
import { describeVendorContract, type ContractCall } from './support/describe-vendor-contract';

const body = {
  question: 'Reply with the single word OK.',
  model: 'aicon-v4-nano-160824',
  randomness: 0,
  response_type: 'text',
};

/**
 * The finetuned operation needs a custom model. Against the mock, the spec's example path parameters; live, the
 * model in WORQHAT_FINETUNED_MODEL as `<modelType>/<modelId>` (e.g. `nano/8f2d…`), and without it the runner says
 * the operation was left out.
 */
function finetunedPath(): string | undefined {
  if (contractMode === 'live') {
    const configured = process.env.WORQHAT_FINETUNED_MODEL;
    return configured ? `/api/ai/content/v4/${configured}` : undefined;
  }
  const operation = listMockOperations({ vendor: 'worqhat' }).find(
    (candidate) => candidate.operationId === 'generateContentWithModel',
  )!;
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(operation.pathParameterExamples[name]!),
  );
}

const finetuned = finetunedPath();
const { model: _model, ...finetunedBody } = body;
const finetunedCalls: ContractCall[] =
  finetuned === undefined
    ? []
    : [
        { operationId: 'generateContentWithModel', path: finetuned, body: finetunedBody, answer: 'json' },
        {
          operationId: 'generateContentWithModel',
          path: finetuned,
          body: { ...finetunedBody, stream_data: true },
          answer: { framing: 'sse', terminator: '[DONE]' },
        },
      ];

describeVendorContract({
  vendor: 'worqhat',
  authorization: (apiKey) => `Bearer ${apiKey}`,
  calls: [
    { operationId: 'generateContent', path: '/api/ai/content/v4', body, answer: 'json' },
    {
      operationId: 'generateContent',
      path: '/api/ai/content/v4',
      body: { ...body, stream_data: true },
      answer: { framing: 'sse', terminator: '[DONE]' },
    },
    ...finetunedCalls,
  ],
});
