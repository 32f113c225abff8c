/**
 * Entry for a Cloudflare Workers runtime (workerd): `GET /?mock=<mock URL>` answers with every case's report as JSON.
 */
import { runSmokeCases } from './smoke-cases';

// The Workers module format requires the handler as the default export.
// eslint-disable-next-line no-restricted-syntax
export default {
  async fetch(request: Request): Promise<Response> {
    const mockUrl = new URL(request.url).searchParams.get('mock');
    if (mockUrl === null || mockUrl === '') return new Response('Pass ?mock=<textgen-mock URL>.', { status: 400 });
    return Response.json(await runSmokeCases(mockUrl));
  },
};
