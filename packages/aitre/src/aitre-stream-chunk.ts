import type { components } from './generated/schema';

/**
 * One `data:` payload of a streamed completion. Unlike `CreateCompletionResponse`, `finish_reason` is `null` until a
 * choice's last chunk, `usage` may be `null`, and the final usage chunk (with `stream_options.include_usage`) has
 * `choices: []`.
 */
export type CompletionChunk = components['schemas']['CompletionChunk'];
