// The shape of src/vendors.ts, which release:check writes next to the copied app.ts from the vendor registry (see
// run-release-check.ts); declared here so that the repository's own typecheck sees app.ts whole.
interface WrittenCall {
  resource: string;
  name: string;
  body: Record<string, unknown>;
  responseExample: string;
}

export declare const vendors: readonly {
  id: string;
  packageName: string;
  factory: string;
  model: string;
  system?: string;
  prompt: string;
  generate: WrittenCall;
  stream: WrittenCall;
  answerText: string;
  streamTexts: readonly string[];
}[];
