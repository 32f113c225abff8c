import type { components } from './generated/schema';

/** The 200 body of `POST /text/chat/` as sent: a provider-keyed map, or an array with `response_as_dict: false`. */
export type EdenAIChatResponse = components['schemas']['EdenChatResponse'];
/** One provider's result as sent, told apart by `status`. */
export type EdenAIProviderResultBody = components['schemas']['EdenProviderResult'];
export type EdenAIProviderSuccessBody = components['schemas']['EdenProviderSuccess'];
export type EdenAIProviderFailureBody = components['schemas']['EdenProviderFailure'];
export type EdenAIChatMessage = components['schemas']['EdenChatMessage'];
export type EdenAIToolCall = components['schemas']['EdenToolCall'];
export type EdenAIUsage = components['schemas']['EdenUsage'];

/** A provider that answered. */
export interface EdenAIProviderSuccess {
  readonly ok: true;
  /** The map key, or the item's `provider` with `response_as_dict: false`. */
  readonly provider: string;
  /** `generated_text`; null when the answer is only tool calls. */
  readonly generatedText: string | null;
  /** The tool calls of the assistant turn in `message` (where LangChain reads them too); empty when there are none. */
  readonly toolCalls: EdenAIToolCall[];
  /** USD; Eden AI's adapter layer sends it, the published schema does not (unconfirmed). */
  readonly cost: number | undefined;
  readonly usage: EdenAIUsage | undefined;
  /** The provider's result exactly as sent, wire names included (`message`, `original_response`, ...). */
  readonly result: EdenAIProviderSuccessBody;
}

/** A provider that failed inside a 200. Reported, not thrown, as long as another provider answered. */
export interface EdenAIProviderFailure {
  readonly ok: false;
  readonly provider: string;
  /** The provider's `error.message`, or a description written here when the result carried none. */
  readonly message: string;
  /** The provider's `error` object as sent (it may carry more than `message`); undefined when there was none. */
  readonly error: EdenAIProviderFailureBody['error'] | undefined;
  /** The provider's result exactly as sent. Usually an `EdenAIProviderFailureBody`, but any non-`success` value lands here. */
  readonly result: unknown;
}

export type EdenAIProviderResult = EdenAIProviderSuccess | EdenAIProviderFailure;

/** What `text.chat` resolves to: every provider's outcome, split both ways, plus the body as sent. */
export interface EdenAIChatResult {
  /** One entry per provider, in the order of the response body. */
  readonly results: EdenAIProviderResult[];
  readonly successes: EdenAIProviderSuccess[];
  readonly failures: EdenAIProviderFailure[];
  readonly raw: EdenAIChatResponse;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFailure(options: { provider: string; entry: unknown }): EdenAIProviderFailure {
  const { provider, entry } = options;
  const error = isRecord(entry) && isRecord(entry.error) ? (entry.error as EdenAIProviderFailureBody['error']) : undefined;
  let message: string;
  if (typeof error?.message === 'string' && error.message !== '') message = error.message;
  else if (!isRecord(entry)) message = `The result is not an object: ${JSON.stringify(entry) ?? String(entry)}`;
  else if (entry.status === 'fail') message = 'The provider failed without an error message.';
  // Eden AI's published schema spells the success status `sucess`; a result carrying that (or any other unknown
  // status) is not trusted as an answer.
  else message = `Unexpected status ${JSON.stringify(entry.status) ?? 'undefined'} (only "success" counts as an answer).`;
  return { ok: false, provider, message, error, result: entry };
}

/**
 * `status: success` is an answer; so is a result with no `status` at all that carries `generated_text`, as in the 200
 * example of Eden AI's own text-chat page (seed 001_7890e77ac8b6ea38), which has no `status` anywhere. Any other
 * status (`fail`, the schema's misspelt `sucess`) is not.
 */
function isAnswer(entry: Record<string, unknown>): boolean {
  if (entry.status === 'success') return true;
  return entry.status === undefined && 'generated_text' in entry && !('error' in entry);
}

function readProviderResult(options: { provider: string; entry: unknown }): EdenAIProviderResult {
  const { provider, entry } = options;
  if (!isRecord(entry) || !isAnswer(entry)) return readFailure(options);
  const result = entry as EdenAIProviderSuccessBody;
  const messages = Array.isArray(result.message) ? result.message : [];
  const toolCalls = messages.filter((turn) => turn?.role === 'assistant').flatMap((turn) => turn.tool_calls ?? []);
  return {
    ok: true,
    provider,
    generatedText: typeof result.generated_text === 'string' ? result.generated_text : null,
    toolCalls,
    cost: typeof result.cost === 'number' ? result.cost : undefined,
    usage: isRecord(result.usage) ? result.usage : undefined,
    result,
  };
}

/**
 * Reads every provider's outcome out of a `/text/chat/` 200 body, whichever `response_as_dict` produced it.
 * `requestedProviders` names array items that lack `provider`, by position (Eden AI answers in request order:
 * inferred, not documented); an item with neither is named `unknown`. Returns undefined for a body that is neither an
 * object nor an array, from which no provider result can be read.
 */
export function readEdenAIChatResult(options: { body: unknown; requestedProviders: readonly string[] }): EdenAIChatResult | undefined {
  const { body, requestedProviders } = options;
  let results: EdenAIProviderResult[];
  if (Array.isArray(body)) {
    results = body.map((entry: unknown, index) => {
      const named = isRecord(entry) && typeof entry.provider === 'string' ? entry.provider : undefined;
      return readProviderResult({ provider: named ?? requestedProviders[index] ?? 'unknown', entry });
    });
  } else if (isRecord(body)) {
    results = Object.entries(body).map(([provider, entry]) => readProviderResult({ provider, entry }));
  } else {
    return undefined;
  }
  return {
    results,
    successes: results.filter((result): result is EdenAIProviderSuccess => result.ok),
    failures: results.filter((result): result is EdenAIProviderFailure => !result.ok),
    raw: body as EdenAIChatResponse,
  };
}

/** The detail of the error thrown when no provider answered: each provider's message, so one log line says it all. */
export function describeAllProvidersFailed(failures: readonly EdenAIProviderFailure[]): string {
  if (failures.length === 0) return 'The response held no provider result. Check `providers`.';
  const list = failures.map((failure) => `${failure.provider}: ${failure.message}`).join('; ');
  return `Every provider failed (${list}). Retry later, or add fallback_providers.`;
}
