import type { AnswerContext, RequestAnswer } from '@textgen/mocks';

/**
 * AITRE's request-aware mock answers. The mock server (packages/mocks) imports this file through its generated vendor
 * registry; it imports only types from @textgen/mocks, so the two packages form no runtime cycle.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The mock's stand-in for a tokenizer: a newline is one token, and so is each word with the spaces before it. It
 * splits OpenAI's own example the way its `logprobs` example does (`"\n\nThis is indeed a test"` is the seven tokens
 * `\n`, `\n`, `This`, ` is`, ` indeed`, ` a`, ` test`; `Say this is a test` is five), so counts match the spec.
 */
function splitCompletionTokens(text: string): string[] {
  return text.match(/\n|[^\S\n]*\S+|[^\S\n]+/g) ?? [];
}

// OpenAI's documented defaults (CreateCompletionRequest): max_tokens 16, n 1, best_of 1, prompt "<|endoftext|>".
const defaultMaxTokens = 16;
const defaultPrompt = '<|endoftext|>';
/** Alternatives listed in `top_logprobs` after the sampled token; any fixed list works, it only has to be stable. */
const alternativeTokens = [' the', '.', ' a', ',', ' and', ' of', '\n'];

interface PromptInput {
  /** The prompt as text; token-id prompts have no text the mock could show, so `echo` adds nothing for them. */
  text: string;
  tokenCount: number;
}

function readPrompts(prompt: unknown): PromptInput[] {
  const asInput = (item: unknown): PromptInput =>
    typeof item === 'string'
      ? { text: item, tokenCount: splitCompletionTokens(item).length }
      : { text: '', tokenCount: Array.isArray(item) ? item.length : 0 };
  if (prompt === undefined || prompt === null) return [asInput(defaultPrompt)];
  if (typeof prompt === 'string') return [asInput(prompt)];
  if (Array.isArray(prompt) && prompt.every((item) => typeof item === 'number')) return [asInput(prompt)];
  return Array.isArray(prompt) ? prompt.map(asInput) : [asInput(defaultPrompt)];
}

function integerOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

function readStops(stop: unknown): string[] {
  if (typeof stop === 'string') return stop === '' ? [] : [stop];
  return Array.isArray(stop) ? stop.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

interface Candidate {
  tokens: string[];
  finishReason: 'stop' | 'length';
}

/** The model's "natural" text cut at the first stop sequence (`stop`) and then at `max_tokens` (`length`). */
function generateCandidate(options: { template: string; maxTokens: number; stops: string[] }): Candidate {
  let text = options.template;
  let stoppedBySequence = false;
  for (const stop of options.stops) {
    const at = text.indexOf(stop);
    if (at !== -1) {
      text = text.slice(0, at);
      stoppedBySequence = true;
    }
  }
  const tokens = splitCompletionTokens(text);
  // Reaching the cap counts as `length`, as in OpenAI's example: 7 tokens with max_tokens 7 ends with "length".
  if (!stoppedBySequence && tokens.length >= options.maxTokens)
    return { tokens: tokens.slice(0, options.maxTokens), finishReason: 'length' };
  return { tokens, finishReason: 'stop' };
}

/** A made-up but stable log probability for the token at `position`: always negative, never below -0.1. */
function logprobAt(position: number): number {
  return -(((position * 37) % 100) + 1) / 1000;
}

interface Logprobs {
  text_offset: number[];
  token_logprobs: number[];
  tokens: string[];
  top_logprobs: Record<string, number>[];
}

/** `top` entries per position: the sampled token first, then distinct alternatives, each less likely. */
function buildLogprobs(options: {
  tokens: string[];
  firstOffset: number;
  top: number;
  firstPosition: number;
}): Logprobs {
  const logprobs: Logprobs = { text_offset: [], token_logprobs: [], tokens: [], top_logprobs: [] };
  let offset = options.firstOffset;
  options.tokens.forEach((token, index) => {
    const sampled = logprobAt(options.firstPosition + index);
    const top: Record<string, number> = {};
    if (options.top > 0) top[token] = sampled;
    for (const alternative of alternativeTokens) {
      if (Object.keys(top).length >= options.top) break;
      if (!(alternative in top)) top[alternative] = Number((sampled - 1 - Object.keys(top).length).toFixed(4));
    }
    logprobs.text_offset.push(offset);
    logprobs.token_logprobs.push(sampled);
    logprobs.tokens.push(token);
    logprobs.top_logprobs.push(top);
    offset += token.length;
  });
  return logprobs;
}

function invalidRequest(param: string, message: string): RequestAnswer {
  return { kind: 'error', status: 400, body: { error: { message, type: 'invalid_request_error', param, code: null } } };
}

interface PlannedChoice {
  index: number;
  prompt: PromptInput;
  candidate: Candidate;
}

/**
 * AITRE (OpenAI legacy completions), answered from the request:
 * - `n` choices per prompt (a list of prompts gets `n` each, grouped per prompt), indexes `0..`;
 * - `best_of` candidates per prompt, of which `n` are returned; `best_of < n`, or `best_of > 1` with `stream`, is the
 * 400 OpenAI documents ("best_of must be greater than n", "results cannot be streamed"); usage counts every candidate;
 * - `max_tokens` (default 16) bounds the text and sets `finish_reason: "length"`; `stop` cuts it with `"stop"`;
 * - `logprobs: k` gives each choice a logprobs object with k `top_logprobs` entries per token;
 * - `echo` puts the prompt before the completion; `model` is echoed;
 * - streams: one chunk per token, a last chunk with the finish reason, then with `stream_options.include_usage` a
 *   usage chunk with `choices: []`, and `usage: null` on every other chunk.
 * Texts come from the spec's first example of the media type: choice `i` takes the example's choice `i mod count`.
 */
export function answerRequest(context: AnswerContext): RequestAnswer | undefined {
  const { body } = context;
  const n = integerOr(body.n, 1);
  const bestOf = integerOr(body.best_of, 1);
  if (body.best_of !== undefined && body.best_of !== null && bestOf < n) {
    return invalidRequest('best_of', `best_of must be greater than or equal to n (got best_of=${bestOf}, n=${n}).`);
  }
  if (context.wantsStream && bestOf > 1) return invalidRequest('best_of', 'Cannot stream results with best_of > 1.');

  const prompts = readPrompts(body.prompt);
  const maxTokens =
    body.max_tokens === null || body.max_tokens === undefined
      ? defaultMaxTokens
      : integerOr(body.max_tokens, defaultMaxTokens);
  const stops = readStops(body.stop);
  const echo = body.echo === true;
  const top = body.logprobs === null || body.logprobs === undefined ? undefined : integerOr(body.logprobs, 0);
  const model = typeof body.model === 'string' ? body.model : undefined;

  const templates = context.wantsStream ? streamTemplates(context) : jsonTemplates(context.example);
  if (templates.length === 0) return undefined;
  const candidatesPerPrompt = Math.max(bestOf, n);
  const returned: PlannedChoice[] = [];
  let completionTokens = 0;
  prompts.forEach((prompt, promptIndex) => {
    for (let candidateIndex = 0; candidateIndex < candidatesPerPrompt; candidateIndex += 1) {
      const candidate = generateCandidate({
        template: templates[candidateIndex % templates.length]!,
        maxTokens,
        stops,
      });
      completionTokens += candidate.tokens.length;
      if (candidateIndex < n) returned.push({ index: promptIndex * n + candidateIndex, prompt, candidate });
    }
  });
  const promptTokens = prompts.reduce((sum, prompt) => sum + prompt.tokenCount, 0);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };

  const logprobsFor = (choice: PlannedChoice) => {
    if (top === undefined) return null;
    const promptTokens = echo ? splitCompletionTokens(choice.prompt.text) : [];
    return buildLogprobs({
      tokens: [...promptTokens, ...choice.candidate.tokens],
      firstOffset: echo ? 0 : choice.prompt.text.length,
      top,
      firstPosition: 0,
    });
  };

  if (!context.wantsStream) {
    const example = isRecord(context.example) ? context.example : {};
    return {
      kind: 'json',
      body: {
        ...example,
        model: model ?? example.model,
        choices: returned.map((choice) => ({
          text: `${echo ? choice.prompt.text : ''}${choice.candidate.tokens.join('')}`,
          index: choice.index,
          logprobs: logprobsFor(choice),
          finish_reason: choice.candidate.finishReason,
        })),
        usage,
      },
    };
  }

  const [firstChunk] = context.streamPayloadsOf(context.example);
  const base = isRecord(firstChunk) ? firstChunk : {};
  const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
  // Key order follows the spec's chunks (id, object, created, choices, model, system_fingerprint[, usage]).
  const chunk = (choices: unknown[], extra: { usage?: unknown } = {}) => ({
    id: base.id,
    object: base.object ?? 'text_completion',
    created: base.created,
    choices,
    model: model ?? base.model,
    ...(base.system_fingerprint === undefined ? {} : { system_fingerprint: base.system_fingerprint }),
    ...(includeUsage ? { usage: null, ...extra } : {}),
  });
  const payloads: unknown[] = [];
  for (const choice of returned) {
    const pieces = [...(echo && choice.prompt.text !== '' ? [choice.prompt.text] : []), ...choice.candidate.tokens];
    let offset = echo ? 0 : choice.prompt.text.length;
    pieces.forEach((piece, position) => {
      const logprobs =
        top === undefined
          ? null
          : buildLogprobs({ tokens: [piece], firstOffset: offset, top, firstPosition: position });
      payloads.push(chunk([{ text: piece, index: choice.index, logprobs, finish_reason: null }]));
      offset += piece.length;
    });
    payloads.push(
      chunk([{ text: '', index: choice.index, logprobs: null, finish_reason: choice.candidate.finishReason }]),
    );
  }
  if (includeUsage) payloads.push(chunk([], { usage }));
  return { kind: 'stream', payloads };
}

function jsonTemplates(example: unknown): string[] {
  const choices = isRecord(example) && Array.isArray(example.choices) ? example.choices : [];
  return choices
    .map((choice) => (isRecord(choice) && typeof choice.text === 'string' ? choice.text : ''))
    .filter((text) => text !== '');
}

/** The text each choice spells out across the first stream example's chunks, in choice order. */
function streamTemplates(context: AnswerContext): string[] {
  const texts = new Map<number, string>();
  for (const payload of context.streamPayloadsOf(context.example)) {
    const choices = isRecord(payload) && Array.isArray(payload.choices) ? payload.choices : [];
    for (const choice of choices) {
      if (!isRecord(choice) || typeof choice.text !== 'string') continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      texts.set(index, `${texts.get(index) ?? ''}${choice.text}`);
    }
  }
  return [...texts.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, text]) => text)
    .filter((text) => text !== '');
}
