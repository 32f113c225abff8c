export { exitCodes, runCli } from './cli/run-cli';
export type { CliIO } from './cli/cli-io';
export { runDemo, type RunDemoOptions } from './demo/run-demo';
export { createTerminalStyle, type TerminalStyle } from './cli/terminal-style';
