/**
 * `@textgen/core`: what users of a textgen client import. Vendor packages build on `@textgen/core/internal`.
 */
export type { APIPromise, APIResponse } from './api-promise';
export type { LogLevel, Logger } from './logger';
export type { Fetch } from './retrying-fetch';
export { shouldRetryStatus } from './retry-policy';
export { Stream, type StreamFraming } from './stream';
export * from './textgen-error';
export type { ClientOptions, RequestOptions } from './transport';
