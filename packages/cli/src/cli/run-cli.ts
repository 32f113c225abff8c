import { APIError, TextgenError, textgenProviders, type TextgenProvider } from '@textgen/sdk';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';
import { formatErrorLine } from './format-error-line';
import {
  defaultCliTimeoutMs,
  parseBaseUrl,
  parseMaxOutputTokens,
  parseMaxRetries,
  parseTemperature,
  parseTimeout,
} from './parse-flag-values';
import { runGenerateCommand } from './run-generate-command';
import { createTerminalStyle } from './terminal-style';

export const exitCodes = { success: 0, apiError: 1, usageError: 2 } as const;

/** Output goes to `io`; commander's own errors become one `textgen:` line that points at the command's help. */
function configureOutput(command: Command, io: CliIO): Command {
  const helpCommand = command.parent === null ? 'textgen --help' : `textgen ${command.name()} --help`;
  return command.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(formatErrorLine(`${text.replace(/^error: /, '')} (see ${helpCommand})`)),
  });
}

// The help names the providers the sdk has, not a list of its own. The mocks' vendor registry, with titles and models,
// is not loaded here: it brings msw, Ajv and every spec, about half of a cold start that `generate` never needs.
const providerList = textgenProviders.join(', ');
const exampleProvider = textgenProviders[0] ?? 'vendor';

function createProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = configureOutput(new Command('textgen'), io)
    .description(
      `Generate text with any of ${textgenProviders.length} vendors (${providerList}) through one interface.`,
    )
    .version(packageJson.version)
    .exitOverride();

  const generate = program
    .command('generate')
    .description(
      `Generate text from a prompt. The API key comes from <VENDOR>_API_KEY (e.g. ${exampleProvider.toUpperCase()}_API_KEY).`,
    )
    .argument('[prompt]', 'the prompt text, or - to read it from stdin')
    .addOption(
      new Option('--provider <provider>', 'the vendor to call').choices(textgenProviders).makeOptionMandatory(),
    )
    .requiredOption(
      '--model <model>',
      "the vendor's model id, as the vendor writes it (`textgen demo` shows one per vendor)",
    )
    .option('--stream', 'print the answer as it arrives', false)
    .option('--json', 'print JSON (with --stream: one JSON line per part, then a finish line)', false)
    .option('--system <text>', 'system instructions')
    .option(
      '--temperature <number>',
      'sampling temperature from 0 to 2 (converted to each vendor range)',
      parseTemperature,
    )
    .option(
      '--max-output-tokens <number>',
      'cap on generated tokens, a whole number of at least 1 (where the vendor has one)',
      parseMaxOutputTokens,
    )
    .option(
      '--base-url <url>',
      'base URL of the vendor API (default: <VENDOR>_BASE_URL, then the vendor default host if it has one)',
      parseBaseUrl,
    )
    .option(
      '--timeout <ms>',
      `time limit of each attempt, in milliseconds (default: ${defaultCliTimeoutMs}, i.e. 60 s)`,
      parseTimeout,
    )
    .option(
      '--max-retries <number>',
      'retries after a failed attempt (timeout, connection error, 408/409/429/5xx) (default: 2)',
      parseMaxRetries,
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 success, 1 API error, 2 usage error.',
        'Log lines of the vendor client go to stderr only when TEXTGEN_LOG is set (error, warn, info or debug).',
        'While a call waits or is retried for more than a second, one status line on stderr says so (on a terminal only).',
        `Example: ${exampleProvider.toUpperCase()}_API_KEY=... textgen generate --provider ${exampleProvider} --model <model> "Hello"`,
      ].join('\n'),
    )
    .action(
      async (
        prompt: string | undefined,
        options: {
          provider: TextgenProvider;
          model: string;
          stream: boolean;
          json: boolean;
          system?: string;
          temperature?: number;
          maxOutputTokens?: number;
          baseUrl?: string;
          timeout?: number;
          maxRetries?: number;
        },
      ) => {
        await runGenerateCommand(
          {
            provider: options.provider,
            model: options.model,
            prompt,
            stream: options.stream,
            json: options.json,
            system: options.system,
            temperature: options.temperature,
            maxOutputTokens: options.maxOutputTokens,
            baseURL: options.baseUrl,
            timeout: options.timeout,
            maxRetries: options.maxRetries,
          },
          io,
        );
      },
    );
  configureOutput(generate, io);

  // The flags (and --help) belong to the mock server's own command line (@textgen/mocks), so they pass through as
  // typed.
  const mock = program
    .command('mock')
    .description('Serve the vendor mocks (built from the specs) over HTTP until Ctrl+C (flags: textgen mock --help).')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]')
    .action(async (_flags: string[], _options: object, command: Command) => {
      // Loaded on demand: the mocks bring msw and Ajv, which `generate` never needs (about half of a cold start).
      const { runMockCommand } = await import('./run-mock-command');
      await runMockCommand(command.args, io);
    });
  configureOutput(mock, io);

  const demo = program
    .command('demo')
    .description(
      'Run generateText and streamText for every vendor against an in-process mock server (no network, no keys).',
    )
    .action(async () => {
      const { runDemo } = await import('../demo/run-demo');
      const style = createTerminalStyle({ isTTY: io.stdout.isTTY, environment: io.environment });
      const failures = await runDemo({ write: (text) => io.stdout.write(text), style });
      if (failures > 0) setExitCode(exitCodes.apiError);
    });
  configureOutput(demo, io);

  return program;
}

/** Runs the CLI and returns its exit code; messages go to `io`, never with an API key in them. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = exitCodes.success;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  const fail = (code: number, message: string) => {
    io.stderr.write(formatErrorLine(message));
    return code;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help).
      const shownOnRequest = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      return shownOnRequest ? exitCodes.success : exitCodes.usageError;
    }
    if (error instanceof CliUsageError) return fail(exitCodes.usageError, error.message);
    // APIError first: it is also a TextgenError. Core has already redacted the key from its message.
    if (APIError.isInstance(error)) return fail(exitCodes.apiError, error.message);
    if (TextgenError.isInstance(error)) return fail(exitCodes.usageError, error.message);
    return fail(exitCodes.apiError, error instanceof Error ? error.message : String(error));
  }
}
