import type { VendorSpec } from '../read-vendor-specs';
import { generatedNotice } from './generated-notice';
import { readTextgenExtensions, type TextgenOperation } from './read-textgen-extensions';

type JsonObject = Record<string, unknown>;

/** Follows a local `$ref` (`#/components/...`) in the spec as written. */
function resolve(document: JsonObject, value: unknown): JsonObject {
  let current = value as JsonObject | undefined;
  while (current !== undefined && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document) as JsonObject | undefined;
  }
  return current ?? {};
}

const pascal = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A JSDoc comment, wrapped so that no line passes 120 characters. */
function comment(text: string, indent = ''): string {
  const words = text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim().split(' ');
  if (indent.length + words.join(' ').length + 7 <= 120) return `${indent}/** ${words.join(' ')} */`;
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && indent.length + 3 + last.length + 1 + word.length <= 120)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`), `${indent} */`].join('\n');
}
const shortMediaName: Record<string, string> = {
  'application/json': 'json',
  'multipart/form-data': 'multipart',
  'application/x-www-form-urlencoded': 'form',
};

interface ClientShape {
  operation: TextgenOperation;
  typeName: string;
  bodyMediaType: string | undefined;
  bodyEncodings: Record<string, { mediaType: string; jsonFields?: string[] }> | undefined;
  pathParameters: string[];
  queryParameters: string[];
  jsonResult: boolean;
  answersArray: boolean;
  stream:
    | { framing: 'sse' | 'ndjson'; chunkSchema: string; requestFlag?: string; always?: true; terminator?: string }
    | undefined;
}

function readOperation(document: JsonObject, operation: TextgenOperation): ClientShape {
  const definition = operation.definition;
  const requestBody = resolve(document, definition.requestBody);
  const content = (requestBody.content ?? {}) as Record<string, JsonObject>;
  const mediaTypes = Object.keys(content);
  let bodyEncodings: ClientShape['bodyEncodings'];
  if (mediaTypes.some((mediaType) => mediaType !== 'application/json')) {
    bodyEncodings = {};
    for (const mediaType of mediaTypes) {
      const name = shortMediaName[mediaType];
      if (name === undefined)
        throw new Error(`${operation.operationId}: request media type ${mediaType} is not supported by the generator.`);
      const encoding = (content[mediaType]?.encoding ?? {}) as Record<string, { contentType?: string }>;
      const jsonFields = Object.entries(encoding)
        .filter(([, value]) => value.contentType === 'application/json')
        .map(([field]) => field);
      bodyEncodings[name] = jsonFields.length > 0 ? { mediaType, jsonFields } : { mediaType };
    }
  }
  const parameters = ((definition.parameters ?? []) as unknown[]).map((parameter) => resolve(document, parameter));
  const namesIn = (location: string) =>
    parameters.filter((parameter) => parameter.in === location).map((parameter) => String(parameter.name));
  const ok = resolve(document, resolve(document, definition.responses)['200']);
  const okContent = (ok.content ?? {}) as Record<string, JsonObject>;
  const streamMediaType = Object.keys(okContent).find(
    (mediaType) => mediaType === 'text/event-stream' || mediaType === 'application/x-ndjson',
  );
  let stream: ClientShape['stream'];
  if (operation.stream !== undefined) {
    if (streamMediaType === undefined)
      throw new Error(
        `${operation.operationId}: x-textgen-stream without a text/event-stream or application/x-ndjson 200.`,
      );
    const item = okContent[streamMediaType]?.['x-stream-item'] as JsonObject | undefined;
    const chunkSchema = typeof item?.$ref === 'string' ? item.$ref.split('/').at(-1) : undefined;
    if (chunkSchema === undefined)
      throw new Error(
        `${operation.operationId}: the stream media type needs x-stream-item: {$ref: '#/components/schemas/<Chunk>'}.`,
      );
    stream = { ...operation.stream, framing: streamMediaType === 'text/event-stream' ? 'sse' : 'ndjson', chunkSchema };
  }
  return {
    operation,
    typeName: pascal(operation.operationId),
    // The JSON body's type where there is one: the form encoding sends the same fields (JSON ones as text).
    bodyMediaType: mediaTypes.includes('application/json') ? 'application/json' : mediaTypes[0],
    bodyEncodings,
    pathParameters: namesIn('path'),
    queryParameters: namesIn('query'),
    jsonResult: okContent['application/json'] !== undefined,
    answersArray: allowsArray(document, okContent['application/json']?.schema),
    stream,
  };
}

/** Whether a schema (or one of its `oneOf`/`anyOf` members) is an array. */
function allowsArray(document: JsonObject, schema: unknown): boolean {
  if (schema === undefined) return false;
  const resolved = resolve(document, schema);
  const type = resolved.type;
  if (type === 'array' || (Array.isArray(type) && type.includes('array'))) return true;
  return [...((resolved.oneOf ?? []) as unknown[]), ...((resolved.anyOf ?? []) as unknown[])].some((member) =>
    allowsArray(document, member),
  );
}

/** The operation definition core's `transport.call` reads, as TypeScript source. */
function definitionSource(shape: ClientShape): string {
  const { operation, stream } = shape;
  const fields = [`method: ${quote(operation.method)}`, `path: ${quote(operation.path)}`];
  if (shape.pathParameters.length > 0) fields.push(`pathParameters: [${shape.pathParameters.map(quote).join(', ')}]`);
  if (shape.queryParameters.length > 0)
    fields.push(`queryParameters: [${shape.queryParameters.map(quote).join(', ')}]`);
  if (shape.bodyEncodings !== undefined) fields.push(`bodyEncodings: ${JSON.stringify(shape.bodyEncodings)}`);
  if (shape.answersArray) fields.push('answersArray: true');
  if (stream !== undefined) {
    const { chunkSchema: _chunkSchema, ...rule } = stream;
    fields.push(`stream: ${JSON.stringify(rule)}`);
  }
  return `  ${operation.operationId}: { ${fields.join(', ')} },`;
}

function typesSource(shape: ClientShape, clientName: string): string {
  const { operation, typeName, stream } = shape;
  const id = quote(operation.operationId);
  const parts: string[] = [];
  if (shape.bodyMediaType !== undefined)
    parts.push(`NonNullable<operations[${id}]['requestBody']>['content'][${quote(shape.bodyMediaType)}]`);
  if (shape.pathParameters.length > 0) parts.push(`operations[${id}]['parameters']['path']`);
  if (shape.queryParameters.length > 0) parts.push(`NonNullable<operations[${id}]['parameters']['query']>`);
  const lines = [
    comment(
      `The params of \`${clientName}.${operation.resource}.${operation.name}\`: the request body${shape.pathParameters.length > 0 ? ' and the path parameters' : ''}, in the vendor's wire names.`,
    ),
    `export type ${typeName}Params = ParamsOf<Hooks, ${id}, ${parts.length > 0 ? parts.join(' & ') : 'Record<string, never>'}>;`,
  ];
  if (shape.jsonResult) {
    lines.push(
      comment(`What \`${operation.resource}.${operation.name}\` resolves to when the response is JSON.`),
      `export type ${typeName}Result = ResultOf<Hooks, ${id}, operations[${id}]['responses'][200]['content']['application/json']>;`,
    );
  }
  if (stream?.requestFlag !== undefined && shape.jsonResult) {
    lines.push(
      comment(`Params that ask for a stream (\`${stream.requestFlag}: true\`).`),
      `export type ${typeName}ParamsStreaming = ${typeName}Params & { ${stream.requestFlag}: true };`,
      comment(`Params that ask for one JSON answer (\`${stream.requestFlag}\` left out or false).`),
      `export type ${typeName}ParamsNonStreaming = ${typeName}Params & { ${stream.requestFlag}?: false | null | undefined };`,
    );
  }
  if (stream !== undefined) {
    lines.push(
      comment(`One item of the stream \`${operation.resource}.${operation.name}\` resolves to.`),
      `export type ${typeName}Chunk = ChunkOf<Hooks, ${id}, components['schemas'][${quote(stream.chunkSchema)}]>;`,
    );
  }
  return lines.join('\n');
}

/** The method's overloads: one per answer the `x-textgen-stream` rule allows, so `stream: true` types a Stream. */
function methodSource(shape: ClientShape, requestOptions: string): string {
  const { operation, typeName, stream } = shape;
  const summary = typeof operation.definition.summary === 'string' ? operation.definition.summary.trim() : '';
  const route = `\`${operation.method.toUpperCase()} ${operation.path}\``;
  const indent = '    ';
  const params = `${typeName}Params`;
  const options = `options?: ${requestOptions}`;
  const streamed = `APIPromise<Stream<${typeName}Chunk>>`;
  const json = `APIPromise<${typeName}Result>`;
  const name = operation.name;
  if (stream === undefined)
    return `${comment(`${summary} ${route}.`, indent)}\n${indent}${name}(params: ${params}, ${options}): ${json};`;
  if (stream.always === true || !shape.jsonResult) {
    return `${comment(`${summary} ${route}; always answers with a stream.`, indent)}\n${indent}${name}(params: ${params}, ${options}): ${streamed};`;
  }
  const flag = stream.requestFlag ?? '';
  return [
    comment(`${summary} ${route}, answered as a stream because \`${flag}\` is true.`, indent),
    `${indent}${name}(params: ${params}Streaming, ${options}): ${streamed};`,
    comment(`${summary} ${route}, answered with one JSON body.`, indent),
    `${indent}${name}(params: ${params}NonStreaming, ${options}): ${json};`,
    comment(`${summary} ${route}, when \`${flag}\` is only known at run time.`, indent),
    `${indent}${name}(params: ${params}, ${options}): APIPromise<${typeName}Result | Stream<${typeName}Chunk>>;`,
  ].join('\n');
}

interface ServerVariable {
  name: string;
  values: string[];
  defaultValue: string;
  description: string;
}

/** `packages/<id>/src/generated/<id>-client.ts`: the descriptor, the types and the client factory of one spec. */
export function generateClient(vendor: VendorSpec): string {
  const extensions = readTextgenExtensions(vendor);
  const { document } = vendor;
  const { factory, environmentPrefix, title } = extensions.client;
  const clientName = factory.slice('create'.length);
  const hooksName = `${vendor.id.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Hooks`;
  const shapes = extensions.operations.map((operation) => readOperation(document, operation));
  const encodings = [...new Set(shapes.flatMap((shape) => Object.keys(shape.bodyEncodings ?? {})))];

  const schemes = Object.values(
    ((document.components as JsonObject | undefined)?.securitySchemes ?? {}) as Record<string, JsonObject>,
  );
  if (schemes.length !== 1)
    throw new Error(`${vendor.specPath}: exactly one security scheme is supported, found ${schemes.length}.`);
  const scheme = schemes[0]!;
  const authorization =
    scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer'
      ? { header: 'Authorization', prefix: 'Bearer' }
      : scheme.type === 'apiKey' && scheme.in === 'header'
        ? { header: String(scheme.name), prefix: scheme['x-textgen-auth-prefix'] as string | undefined }
        : undefined;
  if (authorization === undefined)
    throw new Error(`${vendor.specPath}: the security scheme must be http bearer or an apiKey header.`);

  const server = ((document.servers ?? []) as JsonObject[])[0];
  const serverURL = typeof server?.url === 'string' ? server.url : '';
  const variables: ServerVariable[] = Object.entries((server?.variables ?? {}) as Record<string, JsonObject>).map(
    ([name, variable]) => ({
      name,
      values: (variable.enum as string[] | undefined) ?? [],
      defaultValue: String(variable.default),
      description: typeof variable.description === 'string' ? variable.description : '',
    }),
  );
  const requiresBaseURL = extensions.client.baseURL === 'required';
  const optionVariables = requiresBaseURL ? [] : variables.filter((variable) => variable.values.length > 0);

  const optionLines = [
    ...optionVariables.map(
      (variable) =>
        `${comment(`${variable.description} Builds the default base URL \`${serverURL}\`; ignored when a base URL is given. Default \`${variable.defaultValue}\`.`, '  ')}\n  ${variable.name}?: ${variable.values.map(quote).join(' | ')} | undefined;`,
    ),
    ...(encodings.length > 0
      ? [
          `${comment(`How the request body is sent: ${encodings.map((name) => `\`${name}\``).join(' or ')}. Default \`${encodings[0]}\`, the spec's first media type.`, '  ')}\n  bodyEncoding?: ${encodings.map(quote).join(' | ')} | undefined;`,
        ]
      : []),
  ];
  const requestOptions = encodings.length > 0 ? `${clientName}RequestOptions` : 'RequestOptions';

  let baseURLSource = 'undefined';
  if (!requiresBaseURL) {
    baseURLSource = quote(serverURL);
    for (const variable of variables) {
      const value = optionVariables.includes(variable) ? variable.name : quote(variable.defaultValue);
      baseURLSource = `${baseURLSource}.replace(${quote(`{${variable.name}}`)}, ${value})`;
    }
  }
  const checks = optionVariables.map(
    (variable) => `  if (!([${variable.values.map(quote).join(', ')}] as unknown[]).includes(${variable.name})) {
    throw new TextgenError(\`[${vendor.id}] ${variable.name} must be ${variable.values.map((value) => `'${value}'`).join(' or ')}; got \${JSON.stringify(${variable.name})}.\`);
  }`,
  );
  const destructured = [
    ...optionVariables.map((variable) => `${variable.name} = ${quote(variable.defaultValue)}`),
    ...(encodings.length > 0 ? ['bodyEncoding'] : []),
  ];
  const requestId =
    extensions.requestId === undefined ? '' : `\n    requestId: ${JSON.stringify(extensions.requestId)},`;

  const resources = new Map<string, ClientShape[]>();
  for (const shape of shapes)
    resources.set(shape.operation.resource, [...(resources.get(shape.operation.resource) ?? []), shape]);
  // Public names from `@textgen/core`, what only vendor packages use from `@textgen/core/internal`.
  const publicImports = [
    ...(checks.length > 0 ? ['TextgenError'] : []),
    'type APIPromise',
    'type ClientOptions',
    'type RequestOptions',
    ...(shapes.some((shape) => shape.stream !== undefined) ? ['type Stream'] : []),
  ];
  const internalImports = [
    'createTransport',
    'type CallOptions',
    ...(shapes.some((shape) => shape.stream !== undefined) ? ['type ChunkOf'] : []),
    'type OperationDefinition',
    'type ParamsOf',
    ...(shapes.some((shape) => shape.jsonResult) ? ['type ResultOf'] : []),
    'type Transport',
    'type VendorDescriptor',
    'type VendorHooks',
  ];

  return `${comment(generatedNotice(vendor.specPath))}
import { ${publicImports.join(', ')} } from '@textgen/core';
import { ${internalImports.join(', ')} } from '@textgen/core/internal';
import { ${hooksName} } from '../${vendor.id}-hooks';
import type { components, operations, paths } from './schema';

type Hooks = typeof ${hooksName};

${comment(`Options of \`${factory}\`. \`apiKey\` defaults to \`${environmentPrefix}_API_KEY\`, \`baseURL\` to \`${environmentPrefix}_BASE_URL\`${requiresBaseURL ? `; ${title} publishes no host, so one of them is required` : `, then \`${serverURL}\``}.`)}
${optionLines.length === 0 ? `export type ${clientName}ClientOptions = ClientOptions;` : `export interface ${clientName}ClientOptions extends ClientOptions {\n${optionLines.join('\n')}\n}`}
${
  encodings.length > 0
    ? `
${comment(`Per-call options of a ${title} method.`)}
export interface ${clientName}RequestOptions extends RequestOptions {
  ${comment("Overrides the client's `bodyEncoding` for this call.")}
  bodyEncoding?: ${encodings.map(quote).join(' | ')} | undefined;
}
`
    : ''
}
${shapes.map((shape) => typesSource(shape, clientName.charAt(0).toLowerCase() + clientName.slice(1))).join('\n\n')}

export interface ${clientName}Client {
  ${comment('The typed openapi-fetch client of the whole spec; its calls get the same auth, retries and timeouts. Its type comes through core, which depends on openapi-fetch, so a vendor package has no npm dependency of its own.')}
  readonly raw: Transport<paths>['client'];
  ${comment('The base URL in use, without a trailing slash.')}
  readonly baseURL: string;
  ${comment("This client's APIError for a response whose body cannot be used, the API key redacted; for code that wraps the client.")}
  readonly createAPIError: Transport<paths>['createAPIError'];
${[...resources.entries()]
  .map(
    ([resource, members]) =>
      `  readonly ${resource}: {\n${members.map((shape) => methodSource(shape, requestOptions)).join('\n')}\n  };`,
  )
  .join('\n')}
}

const operationDefinitions = {
${shapes.map(definitionSource).join('\n')}
} satisfies Record<string, OperationDefinition>;

${comment(`How core talks to ${title}: from the spec's security scheme, servers and \`x-textgen-*\` extensions.`)}
export function ${vendor.id.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Descriptor(${optionVariables.length === 0 ? '' : `options: ${clientName}ClientOptions = {}`}): VendorDescriptor {
${optionVariables.length === 0 ? '' : `  const { ${destructured.filter((name) => name !== 'bodyEncoding').join(', ')} } = options;\n${checks.join('\n')}\n`}  return {
    vendor: ${quote(vendor.id)},
    environmentPrefix: ${quote(environmentPrefix)},
    defaultBaseURL: ${baseURLSource},
    authorization: ${JSON.stringify(authorization)},${requestId}
    errorMessageFromBody: (${hooksName} as VendorHooks).errorMessageFromBody,
  };
}

${comment(`A ${title} client. Throws a TextgenError right away when no API key${requiresBaseURL ? ' or no base URL' : ''} is given or found in the environment.`)}
export function ${factory}(options: ${clientName}ClientOptions = {}): ${clientName}Client {
${destructured.length === 0 ? '' : `  const { ${[...destructured.map((name) => name.split(' = ')[0]), '...clientOptions'].join(', ')} } = options;\n`}  const transport = createTransport<paths>(${vendor.id.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Descriptor(${optionVariables.length === 0 ? '' : 'options'}), ${destructured.length === 0 ? 'options' : 'clientOptions'});
  const hooks = (${hooksName} as VendorHooks).operations ?? {};
  const method =
    (operationId: keyof typeof operationDefinitions) =>
    (params: unknown, requestOptions?: CallOptions): APIPromise<unknown> =>
      transport.call(operationDefinitions[operationId], params, ${encodings.length > 0 ? '{ bodyEncoding, ...requestOptions }' : 'requestOptions'}, hooks[operationId]);
  return {
    raw: transport.client,
    baseURL: transport.baseURL,
    createAPIError: transport.createAPIError,
${[...resources.entries()]
  .map(
    ([resource, members]) =>
      `    ${resource}: { ${members.map((shape) => `${shape.operation.name}: method(${quote(shape.operation.operationId)})`).join(', ')} } as ${clientName}Client[${quote(resource)}],`,
  )
  .join('\n')}
  };
}
`;
}
