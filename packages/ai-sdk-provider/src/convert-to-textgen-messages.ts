import { UnsupportedFunctionalityError, type LanguageModelV4Prompt, type SharedV4Warning } from '@ai-sdk/provider';
import type { TextgenMessage } from '@textgen/core';
import type { TextgenProvider } from '@textgen/sdk/adapters';

export interface ConvertedMessages {
  /** The conversation as text turns, in the facade's vocabulary (each provider maps it to its vendor's fields). */
  messages: TextgenMessage[];
  /** Whether any turn holds a tool call or a tool result (only Eden AI takes them; see eden-ai-tool-fields.ts). */
  hasToolParts: boolean;
  warnings: SharedV4Warning[];
}

function unsupported(options: {
  vendor: TextgenProvider;
  functionality: string;
  fix: string;
}): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality: options.functionality,
    message: `textgen: ${options.vendor} does not support ${options.functionality}. ${options.fix}`,
  });
}

/**
 * The AI SDK prompt as text turns. The four vendors take text only, so a file part is an error (never silently
 * dropped); reasoning and custom parts of earlier assistant turns cannot be sent back and are left out with a warning.
 * Tool calls and results are allowed only where the vendor has tools (Eden AI), and are sent by
 * `toEdenAIToolFields`: here an assistant turn keeps only its text.
 */
export function convertToTextgenMessages(options: {
  prompt: LanguageModelV4Prompt;
  vendor: TextgenProvider;
}): ConvertedMessages {
  const { prompt, vendor } = options;
  const supportsTools = vendor === 'edenai';
  const messages: TextgenMessage[] = [];
  const droppedPartTypes = new Set<string>();
  let hasToolParts = false;

  prompt.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const texts: string[] = [];
        for (const part of message.content) {
          if (part.type === 'file') {
            throw unsupported({
              vendor,
              functionality: 'file parts in the prompt',
              fix: `It takes text only: remove the ${part.mediaType} file part of prompt message ${index}.`,
            });
          }
          texts.push(part.text);
        }
        messages.push({ role: 'user', content: texts.join('\n') });
        break;
      }
      case 'assistant': {
        const texts: string[] = [];
        for (const part of message.content) {
          switch (part.type) {
            case 'text':
              texts.push(part.text);
              break;
            case 'tool-call':
            case 'tool-result':
              if (!supportsTools || part.type === 'tool-result') {
                throw unsupported({
                  vendor,
                  functionality: part.type === 'tool-call' ? 'tool calls' : 'provider-executed tool results',
                  fix: supportsTools
                    ? 'Only tool results in tool messages can be sent.'
                    : 'Use edenai:<model> for tools, or remove them.',
                });
              }
              hasToolParts = true;
              break;
            case 'file':
              throw unsupported({
                vendor,
                functionality: 'file parts in the prompt',
                fix: `Remove the file part of prompt message ${index}.`,
              });
            case 'reasoning':
            case 'reasoning-file':
            case 'custom':
              droppedPartTypes.add(part.type);
              break;
            default: {
              const unknownPart: never = part;
              throw new Error(`Unknown assistant part ${JSON.stringify(unknownPart)}`);
            }
          }
        }
        messages.push({ role: 'assistant', content: texts.join('') });
        break;
      }
      case 'tool':
        if (!supportsTools) {
          throw unsupported({
            vendor,
            functionality: 'tool results',
            fix: 'Use edenai:<model> for tools, or remove them.',
          });
        }
        hasToolParts = true;
        break;
      default: {
        const unknownMessage: never = message;
        throw new Error(`Unknown prompt message ${JSON.stringify(unknownMessage)}`);
      }
    }
  });

  const warnings: SharedV4Warning[] = [...droppedPartTypes].map((type) => ({
    type: 'unsupported',
    feature: `${type} parts in assistant messages`,
    details: `${vendor} takes text turns only; these parts were left out of the request.`,
  }));
  return { messages, hasToolParts, warnings };
}
