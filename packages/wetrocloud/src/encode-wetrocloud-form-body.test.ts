import { describe, expect, it } from 'vitest';
import { encodeWetrocloudFormBody } from './encode-wetrocloud-form-body';

describe('encodeWetrocloudFormBody', () => {
  const messages = [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Say "hi", with a comma' },
  ];

  it('puts messages in one JSON text field and model as text', () => {
    const form = encodeWetrocloudFormBody({ model: 'gpt-4o-mini', messages });
    expect([...form.keys()]).toEqual(['messages', 'model']);
    expect(form.get('messages')).toBe(JSON.stringify(messages));
    expect(JSON.parse(form.get('messages') as string)).toEqual(messages);
    expect(form.get('model')).toBe('gpt-4o-mini');
  });

  it('sends the stream flag as text only when it is set', () => {
    expect(encodeWetrocloudFormBody({ model: 'm', messages, stream: true }).get('stream')).toBe('true');
    expect(encodeWetrocloudFormBody({ model: 'm', messages, stream: false }).get('stream')).toBe('false');
    expect(encodeWetrocloudFormBody({ model: 'm', messages }).has('stream')).toBe(false);
  });

  it('makes a multipart body with a boundary when handed to a Request', async () => {
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: encodeWetrocloudFormBody({ model: 'm', messages }) });
    const contentType = request.headers.get('content-type') ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Response(await request.arrayBuffer(), { headers: { 'content-type': contentType } }).formData();
    expect(parsed.get('messages')).toBe(JSON.stringify(messages));
  });
});
