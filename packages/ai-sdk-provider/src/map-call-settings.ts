import { UnsupportedFunctionalityError, type LanguageModelV4CallOptions, type SharedV4Warning } from '@ai-sdk/provider';
import type { TextgenProvider } from '@textgen/sdk/adapters';

export interface MappedCallSettings {
  /** Passed to the textgen provider, which maps them (WorqHat: `randomness = temperature / 2`). */
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  /** Raw wire fields for settings the providers do not map; the caller's provider options are merged over them. */
  wireFields: Record<string, unknown>;
  /** Extra system text (WorqHat's JSON mode asks for it). */
  extraSystem: string[];
  warnings: SharedV4Warning[];
}

type SettingName =
  | 'temperature'
  | 'maxOutputTokens'
  | 'stopSequences'
  | 'topP'
  | 'topK'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'seed';

/**
 * Where each AI SDK setting goes, per vendor: the field name, `adapter` when the vendor's textgen provider maps it, or
 * undefined
 * when the vendor has no such field (then the setting is not sent and an `unsupported` warning says so). The README's
 * mapping table is this one.
 */
const settingFields: Record<SettingName, Record<TextgenProvider, string | undefined>> = {
  temperature: { wetrocloud: undefined, edenai: 'adapter', worqhat: 'adapter', aitre: 'adapter' },
  maxOutputTokens: { wetrocloud: undefined, edenai: 'adapter', worqhat: undefined, aitre: 'adapter' },
  stopSequences: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: 'stop' },
  topP: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: 'top_p' },
  topK: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: undefined },
  presencePenalty: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: 'presence_penalty' },
  frequencyPenalty: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: 'frequency_penalty' },
  seed: { wetrocloud: undefined, edenai: undefined, worqhat: undefined, aitre: 'seed' },
};

const settingNames = Object.keys(settingFields) as SettingName[];

// Eden AI's reasoning_effort has three levels; the AI SDK's extra ones go to the nearest, with a warning.
const edenAIReasoningEfforts: Record<string, 'low' | 'medium' | 'high'> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
  max: 'high',
};

function jsonInstruction(schema: unknown): string {
  return schema === undefined
    ? 'Answer with one JSON value only: no prose and no code fence.'
    : `Answer with one JSON value only (no prose and no code fence) that matches this JSON schema: ${JSON.stringify(schema)}`;
}

/** Maps the call's settings for one vendor; throws UnsupportedFunctionalityError for what it cannot do at all. */
export function mapCallSettings(options: {
  vendor: TextgenProvider;
  call: LanguageModelV4CallOptions;
  stream: boolean;
}): MappedCallSettings {
  const { vendor, call, stream } = options;
  const mapped: MappedCallSettings = {
    temperature: undefined,
    maxOutputTokens: undefined,
    wireFields: {},
    extraSystem: [],
    warnings: [],
  };

  for (const setting of settingNames) {
    const value = call[setting];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const field = settingFields[setting][vendor];
    if (field === undefined) {
      mapped.warnings.push({
        type: 'unsupported',
        feature: setting,
        details: `${vendor} has no such field; it was not sent.`,
      });
    } else if (field === 'adapter') {
      if (setting === 'temperature') mapped.temperature = value as number;
      if (setting === 'maxOutputTokens') mapped.maxOutputTokens = value as number;
    } else {
      mapped.wireFields[field] = value;
    }
  }

  if (call.reasoning !== undefined && call.reasoning !== 'provider-default') {
    const effort = vendor === 'edenai' ? edenAIReasoningEfforts[call.reasoning] : undefined;
    if (effort === undefined) {
      mapped.warnings.push({
        type: 'unsupported',
        feature: 'reasoning',
        details: `${vendor} has no reasoning level '${call.reasoning}'; it was not sent.`,
      });
    } else {
      mapped.wireFields.reasoning_effort = effort;
      if (effort !== call.reasoning) {
        mapped.warnings.push({
          type: 'compatibility',
          feature: 'reasoning',
          details: `Eden AI has low, medium and high; '${call.reasoning}' was sent as '${effort}'.`,
        });
      }
    }
  }

  if (call.responseFormat?.type === 'json') {
    if (vendor !== 'worqhat') {
      throw new UnsupportedFunctionalityError({
        functionality: 'JSON response format (structured output)',
        message: `textgen: ${vendor} has no JSON output mode. Use worqhat:<model> for JSON output, or generate text and parse it.`,
      });
    }
    // WorqHat's spec: with response_type json, ask for JSON in training_data too, or the model may emit endless
    // whitespace.
    mapped.wireFields.response_type = 'json';
    mapped.extraSystem.push(jsonInstruction(call.responseFormat.schema));
  }

  if (call.tools !== undefined && call.tools.length > 0) {
    if (vendor !== 'edenai') {
      throw new UnsupportedFunctionalityError({
        functionality: 'tools',
        message: `textgen: ${vendor} has no tool calling. Use edenai:<provider> (Eden AI's available_tools), or call without tools.`,
      });
    }
    if (stream) {
      throw new UnsupportedFunctionalityError({
        functionality: 'tools while streaming',
        message:
          'textgen: Eden AI streams text only (/text/chat/stream/ has no tool calls). Use generateText for tools, or wrap the ' +
          "model with the AI SDK's simulateStreamingMiddleware.",
      });
    }
  }

  if (stream && call.includeRawChunks === true) {
    mapped.warnings.push({
      type: 'unsupported',
      feature: 'includeRawChunks',
      details: 'The textgen providers do not expose raw chunks.',
    });
  }
  return mapped;
}
