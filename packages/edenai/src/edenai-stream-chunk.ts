import type { components } from './generated/schema';

/**
 * One line of the `/text/chat/stream/` NDJSON body: `{text, blocked, provider}`.
 *
 * `blocked: true` marks a fragment that is not answer text: the provider stopped for a reason other than a normal
 * finish, or reported an error (then `text` is `[ERROR]`). Such chunks are yielded like any other, not thrown,
 * because Eden AI may carry on with a fallback provider (`fallback_providers`, `fallback_type`) in the same stream;
 * check `chunk.blocked` before appending `chunk.text` to the answer.
 */
export type EdenAIChatStreamChunk = components['schemas']['EdenChatStreamChunk'];
