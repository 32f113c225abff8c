import type { Logger } from '@textgen/core';
import { createTextgen, type TextgenOptions } from '../create-textgen';
import type { GenerateTextResult, TextgenProvider } from '../textgen-types';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';
import { readStdin } from './read-stdin';

export interface GenerateCommandOptions {
  provider: TextgenProvider;
  model: string;
  prompt: string | undefined;
  stream: boolean;
  json: boolean;
  system: string | undefined;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  baseURL: string | undefined;
}

function summary(result: Omit<GenerateTextResult, 'raw'>): Record<string, unknown> {
  const { text, provider, model, usage, finishReason, requestId, warnings } = result;
  return { text, provider, model, usage, finishReason, requestId, warnings };
}

/** `textgen generate`: one call through the facade; API keys come from `<VENDOR>_API_KEY`. */
export async function runGenerateCommand(options: GenerateCommandOptions, io: CliIO): Promise<void> {
  let prompt = options.prompt;
  if (prompt === undefined) throw new CliUsageError('Give a prompt argument, or - to read the prompt from stdin.');
  if (prompt === '-') prompt = await readStdin(io.stdin);
  if (prompt.trim() === '') throw new CliUsageError('The prompt is empty; pass some text (or pipe it in with -).');

  // Only the chosen vendor is configured from flags; keys always come from the environment (never from argv, which
  // other users of the machine can read in the process list).
  // Log lines (TEXTGEN_LOG) go to stderr: stdout carries only the answer, so it can be piped.
  const toStderr = (message: string) => void io.stderr.write(`${message}\n`);
  const logger: Logger = { error: toStderr, warn: toStderr, info: toStderr, debug: toStderr };
  const clientOptions: TextgenOptions = { [options.provider]: { baseURL: options.baseURL, logger } };
  const textgen = createTextgen(clientOptions);
  const input = {
    provider: options.provider,
    model: options.model,
    prompt,
    system: options.system,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
  };
  const write = (text: string) => io.stdout.write(text);
  const warn = (warnings: string[]) => {
    for (const warning of warnings) io.stderr.write(`textgen: warning: ${warning}\n`);
  };

  if (!options.stream) {
    const result = await textgen.generateText(input);
    warn(result.warnings);
    write(options.json ? `${JSON.stringify({ ...summary(result), raw: result.raw }, null, 2)}\n` : `${result.text}\n`);
    return;
  }

  const stream = textgen.streamText(input);
  warn(stream.warnings);
  for await (const part of stream) write(options.json ? `${JSON.stringify(part)}\n` : part.text);
  const [text, usage, finishReason, requestId] = await Promise.all([stream.text, stream.usage, stream.finishReason, stream.requestId]);
  if (options.json) {
    const finish = summary({ text, provider: options.provider, model: options.model, usage, finishReason, requestId, warnings: stream.warnings });
    write(`${JSON.stringify({ type: 'finish', ...finish })}\n`);
  } else {
    write('\n');
  }
}
