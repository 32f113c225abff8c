import { listMockExamples, listMockOperations, type MockVendor } from '@textgen/mocks';
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runBuiltCli } from './support/run-built-cli';
import { specAnswerText, specStreamDeltas } from './support/spec-answers';

/**
 * Which spec request example each canned answer answers: same operation, paired by name in the specs. The demo must
 * ask these questions, so no vendor "answers" a question its example was not written for.
 */
const pairs: Record<MockVendor, { title: string; generate: [string, string, string]; stream: [string, string, string] }> = {
  wetrocloud: { title: 'Wetrocloud', generate: ['createTextGeneration', 'llm-question', 'llm-answer'], stream: ['createTextGeneration', 'llm-question-stream', 'llm-answer-stream'] },
  edenai: {
    title: 'Eden AI',
    generate: ['createTextChat', 'keyword-extraction', 'keyword-extraction-answers'],
    stream: ['createTextChatStream', 'stream-keyword-extraction', 'stream-keyword-answer'],
  },
  worqhat: { title: 'WorqHat', generate: ['generateContent', 'tour-guide-text', 'tour-guide-text-response'], stream: ['generateContent', 'tour-guide-stream', 'tour-guide-stream-events'] },
  aitre: { title: 'AITRE', generate: ['createCompletion', 'basic-request', 'basic'], stream: ['createCompletion', 'stream-with-usage-request', 'stream-with-usage'] },
};
const vendors = Object.keys(pairs) as MockVendor[];

/** The question field of a request example, as the demo shows it in its "sent" rows (label, JSON-quoted value). */
function sentQuestionRow(vendor: MockVendor, operationId: string, requestExample: string): string {
  const example = listMockOperations({ vendor })
    .find((operation) => operation.operationId === operationId)
    ?.requestExamples.find((candidate) => candidate.name === requestExample);
  if (example === undefined) throw new Error(`no request example ${requestExample} in ${vendor} ${operationId}`);
  const body = example.value as Record<string, unknown>;
  switch (vendor) {
    case 'wetrocloud': {
      const messages = body.messages as { role: string; content: string }[];
      return `messages[] user  ${JSON.stringify(messages.filter((message) => message.role === 'user').at(-1)!.content)}`;
    }
    case 'edenai':
      return `text                   ${JSON.stringify(body.text)}`;
    case 'worqhat':
      return `question       ${JSON.stringify(body.question)}`;
    case 'aitre':
      return `prompt  ${JSON.stringify(body.prompt)}`;
    default: {
      const unknownVendor: never = vendor;
      throw new Error(`unknown vendor ${String(unknownVendor)}`);
    }
  }
}

/** The lines of one vendor's section, from its `== Title ==` header to the next one. */
function vendorSection(stdout: string, title: string): string {
  const start = stdout.indexOf(`== ${title} ==`);
  expect(start, `no section for ${title}`).toBeGreaterThanOrEqual(0);
  const next = stdout.indexOf('\n== ', start + 1);
  return stdout.slice(start, next === -1 ? undefined : next);
}

describe('textgen demo (built CLI)', () => {
  it('runs all four vendors against its own mock server with no keys in the environment, and exits 0', async () => {
    const run = await runBuiltCli(['demo'], { environment: cleanEnvironment() });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('4 of 4 vendors answered both calls');
    expect(run.stdout).toMatch(/canned example responses/);

    for (const vendor of vendors) {
      const { title, generate, stream } = pairs[vendor];
      const section = vendorSection(run.stdout, title);
      const [generateText, streamText] = section.split('  streamText ');
      // Each call asks its request example's question and shows the answer written for that question.
      expect(generateText).toContain(`request example "${generate[1]}"; the mock answers with "${generate[2]}"`);
      expect(generateText).toContain(sentQuestionRow(vendor, generate[0], generate[1]));
      // The demo prints each answer trimmed (AITRE's example text starts with two newlines).
      expect(generateText).toContain(specAnswerText(vendor, generate[2]).trim());
      expect(streamText).toContain(`request example "${stream[1]}"; the mock answers with "${stream[2]}"`);
      expect(streamText).toContain(sentQuestionRow(vendor, stream[0], stream[1]));
      expect(streamText).toContain(specStreamDeltas(vendor, stream[2]).join('').trim());
    }

    // Eden AI's keyword list is shown under the keyword-extraction question, never under another one.
    expect(vendorSection(run.stdout, 'Eden AI')).not.toContain('What is a large language model?');
    // Nothing the vendor left out is printed as blank or undefined; it says which vendor did not report it.
    expect(run.stdout).not.toMatch(/undefined|null/);
    const wetrocloud = vendorSection(run.stdout, 'Wetrocloud');
    expect(wetrocloud).toMatch(/finish +not reported by Wetrocloud\n/);
    expect(wetrocloud).toMatch(/request id +not reported by Wetrocloud\n/);
    expect(wetrocloud).toMatch(/usage +total \d+ tokens \(input and output not reported by Wetrocloud\)\n/);
    expect(vendorSection(run.stdout, 'WorqHat')).toMatch(/usage +not reported by WorqHat\n/);
    // AITRE reports its finish reason, shown with the raw value of the spec's example.
    const aitreAnswer = listMockExamples({ vendor: 'aitre' }).find((example) => example.name === pairs.aitre.generate[2])!.value;
    const aitreFinish = (aitreAnswer as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason;
    expect(vendorSection(run.stdout, 'AITRE')).toContain(`(AITRE said "${aitreFinish}")`);
    // Wetrocloud has no temperature: the warning is shown for generateText and for streamText.
    const temperatureWarnings = run.stdout.split('\n').filter((line) => /warning +wetrocloud has no temperature field/.test(line));
    expect(temperatureWarnings).toHaveLength(2);
    // NO_COLOR and a pipe: plain text only.
    expect(run.stdout).not.toContain('\u001b[');
  });
});
