import type { HookTools, VendorHooks } from '@textgen/core/internal';
import type { components } from './generated/schema';

/*
 * Eden AI's hand-written code: what its spec cannot say (the per-provider results inside one 200, the comma-joined
 * provider list). Everything else in the client is generated from specs/edenai.yaml.
 */

/** Body of 401, 402, 403, 415, 429, 500 and other statuses: `{error: {type?, message, code?}}`. */
export type EdenAIErrorBody = components['schemas']['EdenError'];
/** Body of 400: `error.message` maps each invalid field to its messages. */
export type EdenAIBadRequestBody = components['schemas']['EdenBadRequest'];
/** Body of 404: the published `{details}` or the Django REST Framework `{detail}`. */
export type EdenAINotFoundBody = components['schemas']['EdenNotFound'];
/** Any error body Eden AI declares. */
export type EdenAIAnyErrorBody = EdenAIErrorBody | EdenAIBadRequestBody | EdenAINotFoundBody;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{providers: ['This field is required.']}` → `providers: This field is required.` */
function describeFieldErrors(fields: Record<string, unknown>): string | undefined {
  const parts = Object.entries(fields).map(([field, messages]) => {
    const text = Array.isArray(messages) ? messages.map(String).join(' ') : String(messages);
    return `${field}: ${text}`;
  });
  return parts.length === 0 ? undefined : parts.join('; ');
}

/**
 * Reads a readable message out of any Eden AI error body; undefined for a body of another shape (core then falls
 * back to its generic reading).
 */
export function readEdenAIErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isRecord(error)) {
    const type = typeof error.type === 'string' && error.type !== '' ? `${error.type}: ` : '';
    if (typeof error.message === 'string') return error.message;
    // A 400 carries a field map in `message`, not text; the type ("Invalid request") is worth keeping there.
    if (isRecord(error.message)) {
      const fields = describeFieldErrors(error.message);
      if (fields !== undefined) return `${type}${fields}`;
    }
    return undefined;
  }
  if (typeof error === 'string') return error;
  // Eden AI publishes 404 as `details`; Django REST Framework, which serves it, normally says `detail`.
  if (typeof body.details === 'string') return body.details;
  if (typeof body.detail === 'string') return body.detail;
  return undefined;
}

type WireChatRequest = components['schemas']['EdenChatRequest'];
type WireChatStreamRequest = components['schemas']['EdenChatStreamRequest'];

/** `settings` as the client sends it: a map from provider name to model, e.g. `{openai: 'gpt-4o'}`. */
export type EdenAIProviderSettings = Exclude<components['schemas']['EdenProviderSettings'], string>;

/**
 * Body of `text.chat`, in Eden AI's wire names. `providers` and `fallback_providers` may be a comma-separated string
 * or an array (sent as the comma-joined string); `settings` is the object form (the raw client also takes the
 * JSON-string form the spec allows).
 */
export type EdenAIChatRequest = Omit<WireChatRequest, 'settings'> & { settings?: EdenAIProviderSettings };

/** Body of `text.chatStream`: the chat body plus `fallback_type`; `providers` must name exactly one provider. */
export type EdenAIChatStreamRequest = Omit<WireChatStreamRequest, 'settings'> & { settings?: EdenAIProviderSettings };

function joinProviders(value: string | string[]): string {
  return typeof value === 'string' ? value : value.join(',');
}

/**
 * The body as sent. specs/vendor-facts.md decision 8: the published schema types `providers` as an array, but Eden AI's
 * guides
 * and every shipped client send one comma-separated string, so that is the form the server is known to accept.
 */
export function toEdenAIWireBody<Body extends EdenAIChatRequest>(body: Body): Body & { providers: string } {
  const { fallback_providers: fallbackProviders, ...rest } = body;
  const wire = { ...rest, providers: joinProviders(body.providers) } as Body & { providers: string };
  // An empty list means "no fallback" (the documented default `[]`); joined it would be `""`, which the string form's
  // minLength 1 rejects, so it is left out instead.
  if (fallbackProviders !== undefined && fallbackProviders.length > 0) {
    wire.fallback_providers = joinProviders(fallbackProviders);
  }
  return wire;
}

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
  /**
   * The provider's result exactly as sent. Usually an `EdenAIProviderFailureBody`, but any non-`success` value lands
   * here.
   */
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

function readFailure(options: { provider: string; entry: unknown }): EdenAIProviderFailure {
  const { provider, entry } = options;
  const error =
    isRecord(entry) && isRecord(entry.error) ? (entry.error as EdenAIProviderFailureBody['error']) : undefined;
  let message: string;
  if (typeof error?.message === 'string' && error.message !== '') message = error.message;
  else if (!isRecord(entry)) message = `The result is not an object: ${JSON.stringify(entry) ?? String(entry)}`;
  else if (entry.status === 'fail') message = 'The provider failed without an error message.';
  // Eden AI's published schema spells the success status `sucess`; a result carrying that (or any other unknown
  // status) is not trusted as an answer.
  else
    message = `Unexpected status ${JSON.stringify(entry.status) ?? 'undefined'} (only "success" counts as an answer).`;
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
export function readEdenAIChatResult(options: {
  body: unknown;
  requestedProviders: readonly string[];
}): EdenAIChatResult | undefined {
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

/**
 * What the generated client asks of Eden AI: error reading, the wire form of the provider lists, per-provider results.
 */
export const edenaiHooks = {
  errorMessageFromBody: readEdenAIErrorMessage,
  operations: {
    createTextChat: {
      prepare: (params: EdenAIChatRequest) => toEdenAIWireBody(params),
      transform(
        body: EdenAIChatResponse,
        response: Response,
        tools: HookTools,
        sent: { providers: string },
      ): EdenAIChatResult {
        const requestedProviders = sent.providers.split(',').map((provider) => provider.trim());
        const result = readEdenAIChatResult({ body, requestedProviders });
        if (result === undefined) {
          throw tools.createAPIError({
            response,
            body,
            detail: 'The response is neither an object keyed by provider nor an array of provider results.',
          });
        }
        // Eden AI answers 200 even when every provider failed; with nothing to return, that is an error for the caller.
        if (result.successes.length === 0)
          throw tools.createAPIError({ response, body, detail: describeAllProvidersFailed(result.failures) });
        return result;
      },
    },
    createTextChatStream: {
      // Eden AI labels the NDJSON body text/plain; core's reader ignores the Content-Type. The stream ends with the
      // body.
      prepare: (params: EdenAIChatStreamRequest) => toEdenAIWireBody(params),
    },
  },
} satisfies VendorHooks;
