export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
}

const plain: TerminalStyle = { bold: (text) => text, dim: (text) => text, accent: (text) => text };

const ansi: TerminalStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
  accent: (text) => `\u001b[36m${text}\u001b[39m`,
};

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org), so piped output stays plain. */
export function createTerminalStyle(options: {
  isTTY: boolean | undefined;
  environment: NodeJS.ProcessEnv;
}): TerminalStyle {
  const noColor = options.environment.NO_COLOR !== undefined && options.environment.NO_COLOR !== '';
  return options.isTTY === true && !noColor ? ansi : plain;
}
