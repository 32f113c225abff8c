export {
  createWetrocloud,
  type WetrocloudBodyEncoding,
  type WetrocloudClient,
  type WetrocloudClientOptions,
  type WetrocloudMessage,
  type WetrocloudRequestOptions,
  type WetrocloudTextGeneration,
  type WetrocloudTextGenerationRequest,
  type WetrocloudTextGenerationResponse,
} from './wetrocloud-client';
export { createWetrocloudDescriptor, wetrocloudDefaultBaseURL, type WetrocloudApiVersion } from './wetrocloud-descriptor';
export { wetrocloudErrorMessage, type WetrocloudError } from './wetrocloud-error';
export type { WetrocloudTextGenerationChunk } from './wetrocloud-stream-chunk';
export type { components, operations, paths } from './generated/schema';
