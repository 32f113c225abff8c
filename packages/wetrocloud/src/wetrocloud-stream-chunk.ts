import type { components } from './generated/schema';

/**
 * One line of Wetrocloud's newline-delimited JSON stream: the next fragment of the reply in `response`. Whether
 * `tokens` and `success` appear on a line is unconfirmed, so both are optional.
 */
export type WetrocloudTextGenerationChunk = components['schemas']['WetrocloudTextGenerationChunk'];
