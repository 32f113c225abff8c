import { APIError, TextgenError } from '@textgen/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runDemo } from '../demo/run-demo';
import { textgenProviders } from '../normalize-call-input';
import type { TextgenProvider } from '../textgen-types';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';
import { runGenerateCommand } from './run-generate-command';
import { runMockCommand } from './run-mock-command';
import { createTerminalStyle } from './terminal-style';

export const exitCodes = { success: 0, apiError: 1, usageError: 2 } as const;

function parseNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || Number.isNaN(parsed)) throw new InvalidArgumentError(`"${value}" is not a number.`);
  return parsed;
}

function parseWholeNumber(value: string): number {
  const parsed = parseNumber(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError(`"${value}" is not a whole number of 0 or more.`);
  return parsed;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function createProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = new Command('textgen')
    .description('Generate text with Wetrocloud, Eden AI, WorqHat or AITRE through one interface.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('generate')
    .description('Generate text from a prompt. The API key comes from <VENDOR>_API_KEY (e.g. WORQHAT_API_KEY).')
    .argument('[prompt]', 'the prompt text, or - to read it from stdin')
    .addOption(new Option('--provider <provider>', 'the vendor to call').choices(textgenProviders).makeOptionMandatory())
    .requiredOption('--model <model>', "the vendor's model id (Eden AI: provider or provider/model, e.g. openai/gpt-4o)")
    .option('--stream', 'print the answer as it arrives', false)
    .option('--json', 'print JSON (with --stream: one JSON line per part, then a finish line)', false)
    .option('--system <text>', 'system instructions')
    .option('--temperature <number>', 'sampling temperature from 0 to 2 (converted to each vendor range)', parseNumber)
    .option('--max-output-tokens <number>', 'cap on generated tokens (where the vendor has one)', parseWholeNumber)
    .option('--base-url <url>', 'base URL of the vendor API (default: <VENDOR>_BASE_URL, then the vendor default)')
    .addHelpText('after', '\nExit codes: 0 success, 1 API error, 2 usage error.\nExample: WORQHAT_API_KEY=... textgen generate --provider worqhat --model aicon-v4-nano-160824 "Hello"')
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
          },
          io,
        );
      },
    );

  program
    .command('mock')
    .description('Serve the vendor mocks (built from the specs) over HTTP until Ctrl+C.')
    .option('--port <number>', 'port to listen on; 0 picks a free one', parseWholeNumber, 4010)
    .option('--vendor <vendor>', 'serve only this vendor, at the root (default: every vendor under /<vendor>)')
    .action(async (options: { port: number; vendor?: string }) => {
      await runMockCommand({ port: options.port, vendor: options.vendor }, io);
    });

  program
    .command('demo')
    .description('Run generateText and streamText for all four vendors against an in-process mock server (no network, no keys).')
    .action(async () => {
      const style = createTerminalStyle({ isTTY: io.stdout.isTTY, environment: io.environment });
      const failures = await runDemo({ write: (text) => io.stdout.write(text), style });
      if (failures > 0) setExitCode(exitCodes.apiError);
    });

  return program;
}

/** Runs the CLI and returns its exit code; messages go to `io`, never with an API key in them. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = exitCodes.success;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  const fail = (code: number, message: string) => {
    io.stderr.write(`textgen: ${oneLine(message)}\n`);
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
