import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot, type VendorSpec } from '../read-vendor-specs';
import { generatedNotice } from './generated-notice';
import { readTextgenExtensions } from './read-textgen-extensions';

async function exists(path: string): Promise<boolean> {
  try {
    await access(join(repositoryRoot, path));
    return true;
  } catch {
    return false;
  }
}

/** `acme` -> `acme`, `my-vendor` -> `myVendor`: a vendor id as part of an identifier. */
function identifierOf(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * `packages/mocks/src/generated/vendor-registry.ts`: one entry per spec. Each vendor's bundled spec and, where the
 * vendor package has `mock/<id>-mock-answers.ts`, its request-aware mock answers are imported so that tsdown inlines
 * them into the mocks' build.
 */
export async function generateRegistry(vendors: VendorSpec[]): Promise<string> {
  const imports: string[] = [
    "import type { OpenApiDocument } from '../openapi-document';",
    "import type { VendorRegistryEntry } from '../vendor-registry-entry';",
  ];
  const entries: string[] = [];
  for (const vendor of vendors) {
    const extensions = readTextgenExtensions(vendor);
    const name = identifierOf(vendor.id);
    imports.push(`import ${name}Spec from '../../../${vendor.id}/src/generated/${vendor.id}.openapi.json';`);
    const answersPath = `packages/${vendor.id}/mock/${vendor.id}-mock-answers.ts`;
    const hasAnswers = await exists(answersPath);
    if (hasAnswers)
      imports.push(
        `import { answerRequest as ${name}AnswerRequest } from '../../../${vendor.id}/mock/${vendor.id}-mock-answers';`,
      );
    const mock =
      JSON.stringify(extensions.mock).slice(0, -1) + (hasAnswers ? `,"answerRequest":${name}AnswerRequest}` : '}');
    entries.push(
      [
        '  {',
        `    id: ${JSON.stringify(vendor.id)},`,
        `    title: ${JSON.stringify(extensions.client.title)},`,
        `    packageName: ${JSON.stringify(`@textgen/${vendor.id}`)},`,
        `    factory: ${JSON.stringify(extensions.client.factory)},`,
        `    environmentPrefix: ${JSON.stringify(extensions.client.environmentPrefix)},`,
        `    defaultModel: ${JSON.stringify(extensions.client.defaultModel)},`,
        `    requiresBaseURL: ${String(extensions.client.baseURL === 'required')},`,
        // The JSON import's inferred literal type is not an OpenApiDocument; the mocks read it through that shape.
        `    spec: ${name}Spec as unknown as OpenApiDocument,`,
        `    mock: ${mock},`,
        `    demo: ${JSON.stringify(extensions.demo)},`,
        '  },',
      ].join('\n'),
    );
  }
  const ids = vendors.map((vendor) => JSON.stringify(vendor.id)).join(', ');
  return `/*
 * ${generatedNotice('specs/*.yaml').replace('. Do not', '.\n * Do not')}
 */
${imports.join('\n')}

/** The vendor ids, one per spec, in file-name order. */
export const vendorIds = [${ids}] as const;

export type VendorId = (typeof vendorIds)[number];

/** What the workspace knows about each vendor, read from its spec's \`x-textgen-*\` extensions. */
export const vendorRegistry: readonly (VendorRegistryEntry & { id: VendorId })[] = [
${entries.join('\n')}
];
`;
}
