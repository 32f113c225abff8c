import {
  createTextgen,
  type GenerateTextResult,
  type Logger,
  type LogLevel,
  type Textgen,
  type TextgenCallInput,
  type TextgenOptions,
  type TextgenProvider,
} from '@textgen/sdk';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';
import { createCliFetch, RefusedBeforeConnectingError } from './create-cli-fetch';
import { endWithFullStop } from './format-error-line';
import { defaultCliTimeoutMs, isHttpUrl } from './parse-flag-values';
import { createProgressNotice, type ProgressNotice } from './progress-notice';
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
  /** Per attempt, in ms; undefined means the CLI default of 60 s. */
  timeout: number | undefined;
  /** Retries after the first attempt; undefined means the library default of 2. */
  maxRetries: number | undefined;
}

/** The library's default, repeated so the progress notice can count attempts (core does not expose it). */
const defaultMaxRetries = 2;

const logLevels: Record<LogLevel, true> = { off: true, error: true, warn: true, info: true, debug: true };

function isLogLevel(value: string): value is LogLevel {
  return Object.hasOwn(logLevels, value);
}

/**
 * The client's log level. Unset, nothing is logged: a failure is already reported by the one `textgen:` error line,
 * and the client's own error line would say it twice. TEXTGEN_LOG turns the log lines on (on stderr).
 */
function readLogLevel(environment: NodeJS.ProcessEnv): LogLevel {
  const requested = environment.TEXTGEN_LOG?.trim().toLowerCase();
  if (requested === undefined || requested === '') return 'off';
  if (!isLogLevel(requested)) {
    throw new CliUsageError(
      `TEXTGEN_LOG is "${requested}"; set it to one of ${Object.keys(logLevels).join(', ')}, or unset it.`,
    );
  }
  return requested;
}

/** The key from `<VENDOR>_API_KEY`; the message names the variable once and says how to set it. */
function readApiKey(options: { provider: TextgenProvider; environment: NodeJS.ProcessEnv }): string {
  const variable = `${options.provider.toUpperCase()}_API_KEY`;
  const apiKey = options.environment[variable];
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new CliUsageError(
      `No ${options.provider} API key: set the ${variable} environment variable to your key and run the command again.`,
    );
  }
  return apiKey;
}

/**
 * `--base-url`, else `<VENDOR>_BASE_URL` (checked like the flag), else undefined for the vendor default. A vendor with
 * no
 * default host (its spec's `x-textgen-client.baseURL: required`) then fails at client creation with one line naming the
 * option and the variable.
 */
function readBaseURL(options: {
  provider: TextgenProvider;
  flag: string | undefined;
  environment: NodeJS.ProcessEnv;
}): string | undefined {
  if (options.flag !== undefined) return options.flag;
  const variable = `${options.provider.toUpperCase()}_BASE_URL`;
  const fromEnvironment = options.environment[variable];
  if (fromEnvironment === undefined || fromEnvironment.trim() === '') return undefined;
  if (!isHttpUrl(fromEnvironment))
    throw new CliUsageError(`${variable} is "${fromEnvironment}"; it must be an absolute http:// or https:// URL.`);
  return fromEnvironment;
}

interface JsonSummary {
  text: string;
  provider: TextgenProvider;
  model: string;
  usage: { inputTokens: number | null; outputTokens: number | null; totalTokens: number | null };
  finishReason: { unified: string; raw: string | null };
  requestId: string | null;
  warnings: string[];
}

/**
 * The `--json` shape: every field is always there, `null` where the vendor reported nothing, so scripts can rely on it.
 */
function summarize(result: Omit<GenerateTextResult, 'raw'>): JsonSummary {
  const { text, provider, model, usage, finishReason, requestId, warnings } = result;
  return {
    text,
    provider,
    model,
    usage: {
      inputTokens: usage.inputTokens ?? null,
      outputTokens: usage.outputTokens ?? null,
      totalTokens: usage.totalTokens ?? null,
    },
    finishReason: { unified: finishReason.unified, raw: finishReason.raw ?? null },
    requestId: requestId ?? null,
    warnings,
  };
}

/** `textgen generate`: one call through the facade; the API key comes from `<VENDOR>_API_KEY`. */
export async function runGenerateCommand(options: GenerateCommandOptions, io: CliIO): Promise<void> {
  if (options.model.trim() === '') throw new CliUsageError(`--model is empty; pass the ${options.provider} model id.`);
  let prompt = options.prompt;
  if (prompt === undefined) throw new CliUsageError('Give a prompt argument, or - to read the prompt from stdin.');
  if (prompt === '-') prompt = await readStdin(io.stdin);
  if (prompt.trim() === '') throw new CliUsageError('The prompt is empty; pass some text (or pipe it in with -).');

  // Only the chosen vendor is configured. Keys always come from the environment (never from argv, which other users
  // of the machine can read in the process list). Log lines go to stderr: stdout carries only the answer.
  const timeout = options.timeout ?? defaultCliTimeoutMs;
  const maxRetries = options.maxRetries ?? defaultMaxRetries;
  const notice = createProgressNotice({ stderr: io.stderr, vendor: options.provider, maxRetries });
  // A log line, like the answer and the error line, first takes the notice off the terminal line they share. With
  // TEXTGEN_LOG on, the log lines tell how the call goes, so the notice does not come back.
  const toStderr = (message: string) => {
    notice.stop();
    io.stderr.write(`${message}\n`);
  };
  const logger: Logger = { error: toStderr, warn: toStderr, info: toStderr, debug: toStderr };
  const callController = new AbortController();
  const baseUrlVariable = `${options.provider.toUpperCase()}_BASE_URL`;
  const clientOptions: TextgenOptions = {
    [options.provider]: {
      apiKey: readApiKey({ provider: options.provider, environment: io.environment }),
      baseURL: readBaseURL({ provider: options.provider, flag: options.baseURL, environment: io.environment }),
      logLevel: readLogLevel(io.environment),
      logger,
      timeout,
      maxRetries,
      fetch: createCliFetch({
        notice,
        stopCall: (reason) => callController.abort(reason),
        describeBaseUrlSources: `--base-url or ${baseUrlVariable}`,
      }),
    },
  };
  const textgen = createTextgen(clientOptions);
  const input: TextgenCallInput = {
    provider: options.provider,
    model: options.model,
    prompt,
    system: options.system,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
    signal: callController.signal,
  };
  try {
    await printAnswer({ textgen, input, options, io, notice });
  } catch (error) {
    // The call was stopped by the CLI itself: its reason is the useful message, not "aborted by the caller".
    const reason: unknown = callController.signal.reason;
    if (reason instanceof RefusedBeforeConnectingError) throw new CliUsageError(reason.message);
    throw error;
  } finally {
    notice.stop();
  }
}

async function printAnswer(context: {
  textgen: Textgen;
  input: TextgenCallInput;
  options: GenerateCommandOptions;
  io: CliIO;
  notice: ProgressNotice;
}): Promise<void> {
  const { textgen, input, options, io, notice } = context;
  const write = (text: string) => {
    notice.stop();
    return io.stdout.write(text);
  };
  const warn = (warnings: string[]) => {
    if (warnings.length > 0) notice.stop();
    for (const warning of warnings) io.stderr.write(`textgen: warning: ${endWithFullStop(warning.trim())}\n`);
  };

  if (!options.stream) {
    const result = await textgen.generateText(input);
    warn(result.warnings);
    write(
      options.json
        ? `${JSON.stringify({ ...summarize(result), raw: result.raw ?? null }, null, 2)}\n`
        : `${result.text}\n`,
    );
    return;
  }

  const stream = textgen.streamText(input);
  warn(stream.warnings);
  for await (const part of stream) write(options.json ? `${JSON.stringify(part)}\n` : part.text);
  const [text, usage, finishReason, requestId, model] = await Promise.all([
    stream.text,
    stream.usage,
    stream.finishReason,
    stream.requestId,
    stream.responseModel,
  ]);
  if (options.json) {
    const finish = summarize({
      text,
      provider: options.provider,
      model,
      usage,
      finishReason,
      requestId,
      warnings: stream.warnings,
    });
    write(`${JSON.stringify({ type: 'finish', ...finish })}\n`);
  } else {
    write('\n');
  }
}
