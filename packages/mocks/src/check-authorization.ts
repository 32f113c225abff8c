import type { OpenApiDocument, OpenApiOperation, OpenApiSecurityScheme } from './openapi-document';

export type AuthorizationResult = { kind: 'accepted' } | { kind: 'rejected'; reason: 'missing' | 'wrong-format' };

function credentialMatches(value: string, prefix: string | undefined): boolean {
  if (prefix === undefined) return value.trim() !== '';
  // Auth schemes are case-insensitive (RFC 7235; DRF's TokenAuthentication lower-cases too): "<prefix> <non-empty
  // key>".
  const match = /^(\S+) (\S.*)$/.exec(value);
  return match !== null && match[1]!.toLowerCase() === prefix.toLowerCase() && match[2]!.trim() !== '';
}

function checkScheme(scheme: OpenApiSecurityScheme, request: Request): AuthorizationResult {
  let value: string | null;
  let prefix: string | undefined;
  switch (scheme.type) {
    case 'http':
      value = request.headers.get('authorization');
      prefix =
        scheme.scheme?.toLowerCase() === 'bearer' ? 'Bearer' : scheme.scheme === undefined ? undefined : scheme.scheme;
      break;
    case 'apiKey': {
      const name = scheme.name ?? 'Authorization';
      value = scheme.in === 'query' ? new URL(request.url).searchParams.get(name) : request.headers.get(name);
      prefix = scheme['x-textgen-auth-prefix'];
      break;
    }
    case 'oauth2':
    case 'openIdConnect':
      value = request.headers.get('authorization');
      prefix = 'Bearer';
      break;
    case 'mutualTLS':
      return { kind: 'accepted' };
    default: {
      const unreachable: never = scheme.type;
      throw new Error(`Unknown security scheme type ${String(unreachable)}`);
    }
  }
  if (value === null || value.trim() === '') return { kind: 'rejected', reason: 'missing' };
  return credentialMatches(value, prefix) ? { kind: 'accepted' } : { kind: 'rejected', reason: 'wrong-format' };
}

/**
 * Checks the credentials in the vendor's real format (CONVENTIONS.md "Auth"): any non-empty key is accepted, but only
 * with the right prefix (`Bearer <key>` for http bearer, the scheme's `x-textgen-auth-prefix` for an apiKey header).
 * A requirement list is satisfied when any one of its alternatives is (OpenAPI semantics).
 */
export function checkAuthorization(options: {
  spec: OpenApiDocument;
  operation: OpenApiOperation;
  request: Request;
}): AuthorizationResult {
  const requirements = options.operation.security ?? options.spec.security ?? [];
  if (requirements.length === 0) return { kind: 'accepted' };
  let firstRejection: AuthorizationResult | undefined;
  for (const requirement of requirements) {
    const schemeNames = Object.keys(requirement);
    if (schemeNames.length === 0) return { kind: 'accepted' };
    const results = schemeNames.map((schemeName) => {
      const scheme = options.spec.components?.securitySchemes?.[schemeName];
      if (scheme === undefined)
        throw new Error(`Security scheme "${schemeName}" is not declared in components.securitySchemes.`);
      return checkScheme(scheme, options.request);
    });
    const rejection = results.find((result) => result.kind === 'rejected');
    if (rejection === undefined) return { kind: 'accepted' };
    firstRejection ??= rejection;
  }
  return firstRejection ?? { kind: 'accepted' };
}
