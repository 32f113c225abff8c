/**
 * The runtime smoke program: the calls a user makes first, written once and run unchanged on every runtime of the
 * matrix (Node, Bun, Deno, workerd, Chromium). It only uses what the packages need from the platform (fetch, streams,
 * TextDecoder), imports nothing from Node, and judges nothing: it reports what each call returned and the runner
 * (run-runtime-matrix.ts) compares that with what the specs' examples say the mock answers.
 */
import { createTextgenProvider } from '@textgen/ai-sdk-provider';
import { createAitre } from '@textgen/aitre';
import {
  APIError,
  AuthenticationError,
  createTextgen,
  generateText,
  streamText,
  type TextgenProvider,
} from '@textgen/sdk';
import { generateText as generateTextWithAISDK } from 'ai';
import {
  authenticationErrorExample,
  smokeApiKey,
  smokeCaseNames,
  smokeModels,
  smokePrompt,
  type SmokeCaseName,
  type SmokeCaseReport,
  type TypedErrorObservation,
} from './smoke-inputs';

/**
 * The one place that turns the textgen-mock URL into each vendor's base URL. Today the mock serves each vendor under
 * `/<vendor>` plus its spec server's path (`/aitre/v1`); if its layout changes, change only this function.
 */
export function vendorBaseUrls(mockUrl: string): Record<TextgenProvider, string> {
  const origin = mockUrl.replace(/\/+$/, '');
  return {
    wetrocloud: `${origin}/wetrocloud/v1`,
    edenai: `${origin}/edenai/v2`,
    worqhat: `${origin}/worqhat`,
    aitre: `${origin}/aitre/v1`,
  };
}

// A call that hangs must fail the case, not the whole matrix: every call gets a timeout and no retries.
const callOptions = { maxRetries: 0, timeout: 20_000 } as const;
const providers = Object.keys(smokeModels) as TextgenProvider[];

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function runSmokeCases(mockUrl: string): Promise<SmokeCaseReport[]> {
  const baseUrls = vendorBaseUrls(mockUrl);
  const aitre = createAitre({ apiKey: smokeApiKey, baseURL: baseUrls.aitre, ...callOptions });
  const textgen = createTextgen({
    wetrocloud: { apiKey: smokeApiKey, baseURL: baseUrls.wetrocloud, ...callOptions },
    edenai: { apiKey: smokeApiKey, baseURL: baseUrls.edenai, ...callOptions },
    worqhat: { apiKey: smokeApiKey, baseURL: baseUrls.worqhat, ...callOptions },
    aitre: { apiKey: smokeApiKey, baseURL: baseUrls.aitre, ...callOptions },
  });
  const aiSDKProvider = createTextgenProvider({
    aitre: { apiKey: smokeApiKey, baseURL: baseUrls.aitre, ...callOptions },
  });

  const cases: Record<SmokeCaseName, () => Promise<unknown>> = {
    'vendor client': async () => {
      const completion = await aitre.completions.create({ model: smokeModels.aitre, prompt: smokePrompt });
      return completion.choices.map((choice) => choice.text);
    },
    'vendor stream': async () => {
      const stream = await aitre.completions.create({ model: smokeModels.aitre, prompt: smokePrompt, stream: true });
      const chunkTexts: string[] = [];
      for await (const chunk of stream) chunkTexts.push(chunk.choices[0]?.text ?? '');
      return chunkTexts;
    },
    generateText: async () => {
      const texts: Partial<Record<TextgenProvider, string>> = {};
      for (const provider of providers) {
        texts[provider] = (
          await generateText({ textgen, provider, model: smokeModels[provider], prompt: smokePrompt })
        ).text;
      }
      return texts;
    },
    streamText: async () => {
      const deltas: Partial<Record<TextgenProvider, string[]>> = {};
      for (const provider of providers) {
        const parts: string[] = [];
        for await (const part of streamText({ textgen, provider, model: smokeModels[provider], prompt: smokePrompt })) {
          parts.push(part.text);
        }
        deltas[provider] = parts;
      }
      return deltas;
    },
    'typed error': async (): Promise<TypedErrorObservation> => {
      try {
        // The mock answers with the spec's 401 example: what a revoked or mistyped key gets from the vendor.
        await aitre.completions.create(
          { model: smokeModels.aitre, prompt: smokePrompt },
          { headers: { Prefer: `example=${authenticationErrorExample}` } },
        );
        return { threw: false, isAuthenticationError: false, isAPIError: false, status: undefined, message: '' };
      } catch (error) {
        return {
          threw: true,
          // The @textgen/sdk classes, while the error came from @textgen/aitre's copy of core: isInstance must match.
          isAuthenticationError: AuthenticationError.isInstance(error),
          isAPIError: APIError.isInstance(error),
          status: APIError.isInstance(error) ? error.status : undefined,
          message: error instanceof Error ? error.message : String(error),
        };
      }
    },
    'ai-sdk generateText': async () => {
      // The real `ai` package drives the provider, as a user's app would; its own retries are off like the client's.
      const result = await generateTextWithAISDK({
        model: aiSDKProvider(`aitre:${smokeModels.aitre}`),
        prompt: smokePrompt,
        maxRetries: 0,
      });
      return result.text;
    },
  };

  const reports: SmokeCaseReport[] = [];
  for (const name of smokeCaseNames) {
    try {
      reports.push({ name, observed: await cases[name]() });
    } catch (error) {
      reports.push({ name, error: describeError(error) });
    }
  }
  return reports;
}
