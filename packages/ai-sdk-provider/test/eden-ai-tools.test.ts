import { generateText, jsonSchema, stepCountIs, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockProvider, useMockServer } from './support/mock-vendors';
import { specExample } from '@textgen/mocks/testing';

const mock = useMockServer();

type EdenAnswer = Record<
  string,
  {
    generated_text: string | null;
    message: { role: string; tool_calls: { id: string; name: string; arguments: string }[] | null }[];
  }
>;
const toolCallAnswer = specExample({
  vendor: 'edenai',
  operationId: 'createTextChat',
  streams: false,
  name: 'weather-tool-call-answer',
}).value as EdenAnswer;
const toolResultAnswer = specExample({
  vendor: 'edenai',
  operationId: 'createTextChat',
  streams: false,
  name: 'weather-tool-result-answer',
}).value as EdenAnswer;
const [specToolCall] = toolCallAnswer.openai!.message.find((turn) => turn.role === 'assistant')!.tool_calls!;
const specToolInput = JSON.parse(specToolCall!.arguments) as { city: string };
// What the caller's tool returns: the result the spec's `weather-tool-result` request example sends back.
const weatherReport = { temperature_c: 18, condition: 'light rain' };

const weatherTool = tool({
  description: 'Current weather for a city.',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string', description: 'City name.' } },
    required: ['city'],
    additionalProperties: false,
  }),
  execute: async ({ city }) => {
    weatherCalls.push(city);
    return weatherReport;
  },
});
const weatherCalls: string[] = [];

describe('Eden AI tools through generateText', () => {
  it('runs a tool call round trip: available_tools out, tool_calls back, tool_results out, the final answer back', async () => {
    weatherCalls.length = 0;
    // Newest override first: the tool call answers the first request, the final answer the second.
    mock.override({
      operationId: 'createTextChat',
      response: { type: 'json', status: 200, body: toolResultAnswer },
      times: 1,
    });
    mock.override({
      operationId: 'createTextChat',
      response: { type: 'json', status: 200, body: toolCallAnswer },
      times: 1,
    });

    const result = await generateText({
      model: createMockProvider()('edenai:openai'),
      system: 'You are a travel assistant. Use the tools when you need live data.',
      prompt: 'What is the weather in Paris right now?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(3),
    });

    expect(specToolCall).toBeDefined();
    expect(weatherCalls).toEqual([specToolInput.city]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.steps[0]!.toolCalls).toMatchObject([
      { toolCallId: specToolCall!.id, toolName: specToolCall!.name, input: specToolInput },
    ]);
    expect(result.text).toBe(toolResultAnswer.openai!.generated_text);

    const [first, second] = mock.callsFor('createTextChat');
    expect(first?.body).toEqual({
      providers: 'openai',
      text: 'What is the weather in Paris right now?',
      chatbot_global_action: 'You are a travel assistant. Use the tools when you need live data.',
      previous_history: [],
      available_tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city.',
          parameters: expect.objectContaining({
            type: 'object',
            properties: { city: { type: 'string', description: 'City name.' } },
            required: ['city'],
          }) as unknown,
        },
      ],
      tool_choice: 'auto',
    });
    // The follow-up has the shape of the spec's `weather-tool-result` request example: an empty `text`, the question
    // and
    // the assistant's tool call in the history, and the tool's output in `tool_results` under the call's id.
    const secondBody = second?.body as Record<string, unknown>;
    expect(secondBody).toMatchObject({
      providers: 'openai',
      text: '',
      previous_history: [
        { role: 'user', message: 'What is the weather in Paris right now?' },
        {
          role: 'assistant',
          message: '',
          tool_calls: [{ id: specToolCall!.id, name: specToolCall!.name, arguments: expect.any(String) as unknown }],
        },
      ],
      tool_results: [{ id: specToolCall!.id, result: expect.any(String) as unknown }],
    });
    const history = secondBody.previous_history as { tool_calls?: { arguments: string }[] }[];
    expect(JSON.parse(history[1]!.tool_calls![0]!.arguments)).toEqual(specToolInput);
    expect(JSON.parse((secondBody.tool_results as { result: string }[])[0]!.result)).toEqual(weatherReport);
  });

  it('a named tool choice sends only that tool, with tool_choice required', async () => {
    mock.override({
      operationId: 'createTextChat',
      response: { type: 'json', status: 200, body: toolCallAnswer },
      times: 1,
    });
    const otherTool = tool({
      description: 'Unused.',
      inputSchema: jsonSchema<{ q: string }>({ type: 'object', properties: { q: { type: 'string' } } }),
    });
    await generateText({
      model: createMockProvider()('edenai:openai'),
      prompt: 'What is the weather in Paris right now?',
      tools: { get_weather: weatherTool, search: otherTool },
      toolChoice: { type: 'tool', toolName: 'get_weather' },
    });
    const body = mock.lastCall?.body as { available_tools: { name: string }[]; tool_choice: string };
    expect(body.available_tools.map((candidate) => candidate.name)).toEqual(['get_weather']);
    expect(body.tool_choice).toBe('required');
  });
});
