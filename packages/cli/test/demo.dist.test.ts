import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runBuiltCli } from './support/run-built-cli';
import { specAnswerText } from './support/spec-answers';

describe('textgen demo (built CLI)', () => {
  it('runs all four vendors against its own mock server with no keys in the environment, and exits 0', async () => {
    const run = await runBuiltCli(['demo'], { environment: cleanEnvironment() });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    // The demo prints each answer trimmed (AITRE's example text starts with two newlines).
    const texts = (['wetrocloud', 'edenai', 'worqhat', 'aitre'] as const).map((vendor) => specAnswerText(vendor).trim());
    for (const text of texts) expect(run.stdout).toContain(text);
    for (const title of ['Wetrocloud', 'Eden AI', 'WorqHat', 'AITRE']) expect(run.stdout).toContain(`== ${title} ==`);
    expect(run.stdout).toContain('4 of 4 vendors answered both calls');
    // It says what it asked, and that the answers are the specs' canned examples rather than replies to it.
    expect(run.stdout).toMatch(/canned example responses/);
    expect(run.stdout).toContain('text                   "What is a large language model?"');
    expect(run.stdout).toContain('question       "What is a large language model?"');
    expect(run.stdout).toContain('messages[] user    "What is a large language model?"');
    expect(run.stdout).toContain('prompt  "Answer in one short paragraph.\\n\\nUser: What is a large language model?\\n\\nAssistant:"');
    // Wetrocloud has no temperature: the warning is shown for generateText and for streamText.
    const temperatureWarnings = run.stdout.split('\n').filter((line) => /warning +wetrocloud has no temperature field/.test(line));
    expect(temperatureWarnings).toHaveLength(2);
    // NO_COLOR and a pipe: plain text only.
    expect(run.stdout).not.toContain('\u001b[');
  });
});
