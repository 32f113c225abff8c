import { listMockExamples, listMockOperations, vendorRegistry, type DemoCall } from '@textgen/mocks';
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runBuiltCli } from './support/run-built-cli';
import { specAnswerText, specStreamDeltas } from './support/spec-answers';

type Vendor = (typeof vendorRegistry)[number];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The demo's "sent" row of the question: the body field `x-textgen-demo.input` names, with the JSON-quoted question of
 * the spec's request example (the last user message where the input is a message list).
 */
function sentQuestionRow(vendor: Vendor, call: DemoCall): RegExp {
  const example = listMockOperations({ vendor: vendor.id })
    .find((operation) => operation.operationId === call.operationId)
    ?.requestExamples.find((candidate) => candidate.name === call.request);
  if (example === undefined) throw new Error(`no request example ${call.request} in ${vendor.id} ${call.operationId}`);
  const body = example.value as Record<string, unknown>;
  const { input } = vendor.demo;
  if ('messages' in input) {
    const messages = body[input.messages] as { role: string; content: string }[];
    const question = messages.filter((message) => message.role === 'user').at(-1)!.content;
    return new RegExp(`${escapeRegExp(`${input.messages}[] user`)} +${escapeRegExp(JSON.stringify(question))}\n`);
  }
  expect(typeof body[input.prompt], `${vendor.id} ${call.request}.${input.prompt}`).toBe('string');
  return new RegExp(`${escapeRegExp(input.prompt)} +${escapeRegExp(JSON.stringify(body[input.prompt]))}\n`);
}

/** The lines of one vendor's section, from its `== Title ==` header to the next one. */
function vendorSection(stdout: string, title: string): string {
  const start = stdout.indexOf(`== ${title} ==`);
  expect(start, `no section for ${title}`).toBeGreaterThanOrEqual(0);
  const next = stdout.indexOf('\n== ', start + 1);
  return stdout.slice(start, next === -1 ? undefined : next);
}

describe('textgen demo (built CLI)', () => {
  it('runs every vendor of the registry against its own mock server with no keys in the environment, and exits 0', async () => {
    const run = await runBuiltCli(['demo'], { environment: cleanEnvironment() });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(vendorRegistry.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`${vendorRegistry.length} of ${vendorRegistry.length} vendors answered both calls`);
    expect(run.stdout).toMatch(/canned example responses/);

    for (const vendor of vendorRegistry) {
      const { generate, stream } = vendor.demo;
      const section = vendorSection(run.stdout, vendor.title);
      const [generateText, streamText] = section.split('  streamText ');
      // Each call asks its request example's question and shows the answer written for that question.
      expect(generateText).toContain(
        `request example "${generate.request}"; the mock answers with "${generate.response}"`,
      );
      expect(generateText).toMatch(sentQuestionRow(vendor, generate));
      // The demo prints each answer trimmed (AITRE's example text starts with two newlines).
      expect(generateText).toContain(specAnswerText(vendor.id, generate.response).trim());
      expect(streamText).toContain(`request example "${stream.request}"; the mock answers with "${stream.response}"`);
      expect(streamText).toMatch(sentQuestionRow(vendor, stream));
      expect(streamText).toContain(specStreamDeltas(vendor.id, stream.response).join('').trim());
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
    const aitreResponse = vendorRegistry.find((vendor) => vendor.id === 'aitre')!.demo.generate.response;
    const aitreAnswer = listMockExamples({ vendor: 'aitre' }).find((example) => example.name === aitreResponse)!.value;
    const aitreFinish = (aitreAnswer as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason;
    expect(vendorSection(run.stdout, 'AITRE')).toContain(`(AITRE said "${aitreFinish}")`);
    // Wetrocloud has no temperature: the warning is shown for generateText and for streamText.
    const temperatureWarnings = run.stdout
      .split('\n')
      .filter((line) => /warning +wetrocloud has no temperature field/.test(line));
    expect(temperatureWarnings).toHaveLength(2);
    // NO_COLOR and a pipe: plain text only.
    expect(run.stdout).not.toContain('\u001b[');
  });
});
