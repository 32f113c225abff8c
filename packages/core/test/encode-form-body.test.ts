import { describe, expect, it } from 'vitest';
import { encodeFormBody } from '../src/internal';

describe('encodeFormBody', () => {
  const messages = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say "hi", with a comma' },
  ];

  it('puts a JSON field in one text part and other values as text, in the body order', () => {
    const form = encodeFormBody({ model: 'gpt-4o-mini', messages, stream: true, count: 2, left: undefined }, [
      'messages',
    ]);
    expect([...form.keys()]).toEqual(['model', 'messages', 'stream', 'count']);
    expect(form.get('messages')).toBe(JSON.stringify(messages));
    expect(form.get('model')).toBe('gpt-4o-mini');
    expect(form.get('stream')).toBe('true');
    expect(form.get('count')).toBe('2');
  });

  it('sends a JSON field as a text part, not a file (a Django backend would file a Blob under request.FILES)', () => {
    expect(typeof encodeFormBody({ messages }, ['messages']).get('messages')).toBe('string');
  });

  it('makes a multipart body with a boundary when handed to a Request', async () => {
    const request = new Request('http://127.0.0.1/', {
      method: 'POST',
      body: encodeFormBody({ messages }, ['messages']),
    });
    const contentType = request.headers.get('content-type') ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await new Response(await request.arrayBuffer(), {
      headers: { 'content-type': contentType },
    }).formData();
    expect(parsed.get('messages')).toBe(JSON.stringify(messages));
  });
});
