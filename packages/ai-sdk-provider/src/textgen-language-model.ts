import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { type NormalizedCall, type PreparedCall, type ProviderStreamEvent, type TextgenMessage } from '@textgen/core';
import { normalizeCallInput, textgenProviders, type TextgenProvider } from '@textgen/sdk/adapters';
import { convertToTextgenMessages } from './convert-to-textgen-messages';
import { createTextgenStream } from './create-textgen-stream';
import { toEdenAIToolFields } from './eden-ai-tool-fields';
import { mapCallSettings } from './map-call-settings';
import { toLanguageModelFinishReason, toLanguageModelUsage } from './map-textgen-result';
import { toAPICallError } from './to-api-call-error';
import { vendorEndpointUrl } from './vendor-endpoints';

/** One vendor behind the provider: its textgen provider's `prepare`, on a client made on first use. */
export interface VendorSlot {
  prepare(options: { call: NormalizedCall; stream: boolean }): PreparedCall;
  baseURL(): string;
}

export interface TextgenLanguageModelConfig {
  vendor: TextgenProvider;
  /** The vendor's model id (`gpt-3.5-turbo-instruct`, `openai/gpt-4o`, ...). */
  model: string;
  /** The id the model was asked for, `<vendor>:<model>`. */
  modelId: string;
  slot: VendorSlot;
}

interface PreparedLanguageModelCall {
  prepared: PreparedCall;
  warnings: SharedV4Warning[];
  url: string;
}

/**
 * One textgen vendor model as an AI SDK `LanguageModelV4`. The call goes through the facade's provider for the vendor,
 * so the wire mapping, retries, timeouts, typed errors and key redaction are textgen's.
 */
export class TextgenLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly modelId: string;
  // No vendor takes files, so no URL is passed through unread.
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly config: TextgenLanguageModelConfig;

  constructor(config: TextgenLanguageModelConfig) {
    this.config = config;
    this.provider = `textgen.${config.vendor}`;
    this.modelId = config.modelId;
  }

  private prepare(options: LanguageModelV4CallOptions, stream: boolean): PreparedLanguageModelCall {
    const { vendor, model, slot } = this.config;
    const converted = convertToTextgenMessages({ prompt: options.prompt, vendor });
    const settings = mapCallSettings({ vendor, call: options, stream });
    let messages: TextgenMessage[] = converted.messages;
    let toolWireFields: Record<string, unknown> = {};
    const warnings = [...converted.warnings, ...settings.warnings];
    if (vendor === 'edenai' && (converted.hasToolParts || (options.tools?.length ?? 0) > 0)) {
      const toolFields = toEdenAIToolFields(options);
      messages = toolFields.messages;
      toolWireFields = toolFields.wireFields;
      warnings.push(...toolFields.warnings);
    }
    messages = [...messages, ...settings.extraSystem.map((content): TextgenMessage => ({ role: 'system', content }))];

    // The caller's provider options (`providerOptions.<vendor>`, raw wire fields) win over everything mapped here.
    const callerWireFields = options.providerOptions?.[vendor] ?? {};
    const wireFields = { ...settings.wireFields, ...toolWireFields, ...callerWireFields };
    const headers = Object.fromEntries(
      Object.entries(options.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    // A lone user turn goes as `prompt`, so AITRE sends it exactly as written rather than through its chat template.
    const [onlyMessage] = messages;
    const asPrompt = messages.length === 1 && onlyMessage?.role === 'user' && onlyMessage.content.trim() !== '';
    const call = normalizeCallInput(
      {
        provider: vendor,
        model,
        ...(asPrompt ? { prompt: onlyMessage.content } : { messages }),
        temperature: settings.temperature,
        maxOutputTokens: settings.maxOutputTokens,
        providerOptions: { [vendor]: wireFields },
        signal: options.abortSignal,
        headers,
      },
      textgenProviders,
    );
    const prepared = slot.prepare({ call, stream });
    warnings.push(...prepared.warnings.map((message): SharedV4Warning => ({ type: 'other', message })));
    return {
      prepared,
      warnings,
      url: vendorEndpointUrl({ vendor, baseURL: slot.baseURL(), stream, providerOptions: wireFields }),
    };
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { prepared, warnings, url } = this.prepare(options, false);
    let result: Awaited<ReturnType<PreparedCall['generate']>>;
    try {
      result = await prepared.generate();
    } catch (error) {
      throw toAPICallError({ error, url });
    }
    const content: LanguageModelV4Content[] = [];
    if (result.text !== '') content.push({ type: 'text', text: result.text });
    const toolCalls = result.toolCalls ?? [];
    for (const toolCall of toolCalls) {
      content.push({ type: 'tool-call', toolCallId: toolCall.id, toolName: toolCall.name, input: toolCall.arguments });
    }
    const finishReason = toLanguageModelFinishReason(result.finishReason);
    return {
      content,
      // Eden AI sends no finish reason; an answer made of tool calls is still told apart, as the AI SDK's loop needs.
      finishReason: toolCalls.length > 0 ? { unified: 'tool-calls', raw: finishReason.raw } : finishReason,
      usage: toLanguageModelUsage({ vendor: this.config.vendor, usage: result.usage }),
      request: { url },
      response: { id: result.requestId, modelId: result.model ?? this.config.model, body: result.raw },
      warnings: [
        ...warnings,
        ...(result.warnings ?? []).map((message): SharedV4Warning => ({ type: 'other', message })),
      ],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { prepared, warnings, url } = this.prepare(options, true);
    let events: AsyncIterable<ProviderStreamEvent>;
    try {
      events = await prepared.stream();
    } catch (error) {
      throw toAPICallError({ error, url });
    }
    return {
      stream: createTextgenStream({ vendor: this.config.vendor, model: this.config.model, events, warnings, url }),
      request: { url },
    };
  }
}
