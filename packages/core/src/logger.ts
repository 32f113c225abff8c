import { readEnvironment } from './read-environment';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const levelRank: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

function isLogLevel(value: string): value is LogLevel {
  return Object.hasOwn(levelRank, value);
}

const consoleLogger: Logger = {
  error: (message) => console.error(message),
  warn: (message) => console.warn(message),
  info: (message) => console.info(message),
  debug: (message) => console.debug(message),
};

/**
 * The logger core uses: it can tell whether a level is on, so a line that is costly to build is built only when needed.
 */
export interface LeveledLogger extends Logger {
  enabled(level: Exclude<LogLevel, 'off'>): boolean;
}

/**
 * A logger that drops lines below the level and passes every line through `redact`, so a key can never reach it.
 * The level comes from the option, else `TEXTGEN_LOG`, else `warn`.
 */
export function createLeveledLogger(options: {
  level?: LogLevel;
  logger?: Logger;
  redact: (text: string) => string;
}): LeveledLogger {
  const target = options.logger ?? consoleLogger;
  const fromEnvironment = readEnvironment('TEXTGEN_LOG')?.toLowerCase();
  let level: LogLevel = options.level ?? 'warn';
  if (!options.level && fromEnvironment !== undefined) {
    if (isLogLevel(fromEnvironment)) level = fromEnvironment;
    else
      target.warn(
        `[textgen] TEXTGEN_LOG=${options.redact(fromEnvironment)} is not one of off, error, warn, info, debug; using warn.`,
      );
  }
  const enabled = (lineLevel: Exclude<LogLevel, 'off'>) => levelRank[lineLevel] <= levelRank[level];
  const write = (lineLevel: Exclude<LogLevel, 'off'>) => (message: string) => {
    if (enabled(lineLevel)) target[lineLevel](options.redact(message));
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug'), enabled };
}
