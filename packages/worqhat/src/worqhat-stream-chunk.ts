import type { components } from './generated/schema';

/**
 * The JSON payload of one `data:` event when `stream_data` is true. Its request id is `processing_id` (snake_case),
 * unlike `processingId` in the JSON body.
 */
export type WorqhatStreamChunk = components['schemas']['WorqHatStreamChunk'];
