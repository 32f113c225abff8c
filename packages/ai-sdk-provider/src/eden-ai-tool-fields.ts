import {
  UnsupportedFunctionalityError,
  type LanguageModelV4CallOptions,
  type LanguageModelV4ToolResultOutput,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import type { EdenAIProviderOptions } from '@textgen/sdk';
import type { TextgenMessage } from '@textgen/core';

type EdenAIHistoryTurn = NonNullable<EdenAIProviderOptions['previous_history']>[number];
type EdenAITool = NonNullable<EdenAIProviderOptions['available_tools']>[number];
type EdenAIToolResult = NonNullable<EdenAIProviderOptions['tool_results']>[number];

export interface EdenAIToolFields {
  /**
   * What the provider gets: the system text and one user turn, which it sends as `chatbot_global_action` and `text`.
   */
  messages: TextgenMessage[];
  /** Wire fields merged over the provider's body: the history with its tool calls, the results, the tools. */
  wireFields: Partial<EdenAIProviderOptions>;
  warnings: SharedV4Warning[];
}

function toolOutputText(output: LanguageModelV4ToolResultOutput): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return output.reason ?? 'The user denied this tool call.';
    case 'content':
      return output.value
        .map((part) => {
          if (part.type === 'text') return part.text;
          throw new UnsupportedFunctionalityError({
            functionality: `${part.type} parts in tool results`,
            message: `textgen: edenai takes tool results as text; return text or JSON from the tool instead of a ${part.type} part.`,
          });
        })
        .join('\n');
    default: {
      const unknownOutput: never = output;
      throw new Error(`Unknown tool output ${JSON.stringify(unknownOutput)}`);
    }
  }
}

/**
 * Eden AI's tools, as its spec describes them (`weather-tool-call` / `weather-tool-result` examples): the tools go to
 * `available_tools`, earlier turns to `previous_history` with the assistant's `tool_calls`, every tool result to
 * `tool_results` (matched by id), and the new user turn to `text`, which is empty when the prompt ends with tool
 * results rather than a user message. A `{ type: 'tool' }` choice has no Eden AI field: only that tool is sent, with
 * `tool_choice: required`.
 */
export function toEdenAIToolFields(
  options: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'toolChoice'>,
): EdenAIToolFields {
  const { prompt, tools = [], toolChoice } = options;
  const warnings: SharedV4Warning[] = [];
  const system: TextgenMessage[] = [];
  const history: EdenAIHistoryTurn[] = [];
  const toolResults: EdenAIToolResult[] = [];

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        system.push({ role: 'system', content: message.content });
        break;
      case 'user':
        // File parts were refused by convertToTextgenMessages, which runs first.
        history.push({
          role: 'user',
          message: message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n'),
        });
        break;
      case 'assistant': {
        const text = message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
        const toolCalls = message.content.flatMap((part) =>
          part.type === 'tool-call'
            ? [{ id: part.toolCallId, name: part.toolName, arguments: JSON.stringify(part.input ?? {}) }]
            : [],
        );
        history.push(
          toolCalls.length > 0
            ? { role: 'assistant', message: text, tool_calls: toolCalls }
            : { role: 'assistant', message: text },
        );
        break;
      }
      case 'tool':
        for (const part of message.content) {
          if (part.type === 'tool-result')
            toolResults.push({ id: part.toolCallId, result: toolOutputText(part.output) });
          else
            warnings.push({
              type: 'unsupported',
              feature: 'tool approval responses',
              details: 'Eden AI has no tool approvals.',
            });
        }
        break;
      default: {
        const unknownMessage: never = message;
        throw new Error(`Unknown prompt message ${JSON.stringify(unknownMessage)}`);
      }
    }
  }

  // A prompt that ends with a user turn sends it as `text`; one that ends with tool calls awaiting results sends ''.
  const last = history.at(-1);
  const text = last?.role === 'user' ? (history.pop()?.message ?? '') : '';

  const functionTools: EdenAITool[] = [];
  for (const tool of tools) {
    if (tool.type === 'function') {
      functionTools.push({
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema as Record<string, unknown>,
      });
    } else {
      warnings.push({
        type: 'unsupported',
        feature: `provider tool ${tool.id}`,
        details: 'Eden AI takes function tools only; it was not sent.',
      });
    }
  }

  const wireFields: Partial<EdenAIProviderOptions> = { previous_history: history };
  if (toolResults.length > 0) wireFields.tool_results = toolResults;
  if (toolChoice?.type === 'tool') {
    const chosen = functionTools.filter((tool) => tool.name === toolChoice.toolName);
    if (chosen.length === 0) {
      throw new UnsupportedFunctionalityError({
        functionality: 'toolChoice for a tool that is not in tools',
        message: `textgen: toolChoice names ${JSON.stringify(toolChoice.toolName)}, which is not one of the function tools passed.`,
      });
    }
    wireFields.available_tools = chosen;
    wireFields.tool_choice = 'required';
  } else {
    if (functionTools.length > 0) wireFields.available_tools = functionTools;
    if (toolChoice !== undefined) wireFields.tool_choice = toolChoice.type;
  }
  return { messages: [...system, { role: 'user', content: text }], wireFields, warnings };
}
