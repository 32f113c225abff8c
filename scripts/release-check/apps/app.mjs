// The ESM app of `pnpm release:check`: what a user writes after `npm install @textgen/sdk`. The mock's base URLs
// and throw-away keys come from the environment (<VENDOR>_BASE_URL, <VENDOR>_API_KEY).
import { createAitre, createEdenAI, createWetrocloud, createWorqhat, generateText, streamText } from '@textgen/sdk';

const model = 'gpt-3.5-turbo-instruct';
const prompt = 'Say this is a test';

const aitre = createAitre();
const completion = await aitre.completions.create({ model, prompt });
const clientText = completion.choices[0]?.text ?? '';

let clientStreamText = '';
for await (const chunk of await aitre.completions.create({ model, prompt, stream: true })) {
  clientStreamText += chunk.choices[0]?.text ?? '';
}

const generated = await generateText({ provider: 'aitre', model, prompt });

let facadeStreamText = '';
for await (const part of streamText({ provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Plan my morning.' })) {
  facadeStreamText += part.text;
}

// A first call per vendor, as the README's "Use it in your app" shows it.
const wetrocloudReply = await createWetrocloud().textGeneration.create({
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'What is a large language model?' }],
});
const edenaiChat = await createEdenAI().text.chat({ providers: ['openai'], text: 'What is a large language model?' });
const worqhatAnswer = await createWorqhat().content.generate({ question: 'What should I see first in Jaipur?', model: 'aicon-v4-nano-160824' });
const vendorTexts = {
  wetrocloud: wetrocloudReply.response,
  edenai: edenaiChat.successes[0]?.generatedText ?? '',
  worqhat: worqhatAnswer.content ?? '',
};
for (const [vendor, text] of Object.entries(vendorTexts)) {
  if (text === '') throw new Error(`${vendor} answered with no text`);
}

if (clientText === '' || clientStreamText === '' || facadeStreamText === '') {
  throw new Error(`An empty answer: ${JSON.stringify({ clientText, clientStreamText, facadeStreamText })}`);
}
// The facade calls the same client with the same prompt, so the same mock example must come back.
if (generated.text !== clientText) {
  throw new Error(`generateText said ${JSON.stringify(generated.text)}, the client ${JSON.stringify(clientText)}`);
}
console.log(JSON.stringify({ ...vendorTexts, aitre: clientText, clientStream: clientStreamText, generateText: generated.text, streamText: facadeStreamText }));
