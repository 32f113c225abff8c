export {
  createTextgenProvider,
  textgen,
  type TextgenAISDKProvider,
  type TextgenProviderSettings,
} from './create-textgen-provider';
export { TextgenLanguageModel } from './textgen-language-model';
export { parseTextgenModelId, type ParsedModelId, type TextgenModelId } from './textgen-model-id';
export type {
  AitreProviderOptions,
  EdenAIProviderOptions,
  WetrocloudProviderOptions,
  WorqhatProviderOptions,
} from '@textgen/sdk';
