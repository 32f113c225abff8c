// Teaches redocly that `x-stream-item` on a Media Type object is a Schema (our stand-in for OpenAPI 3.2's
// `itemSchema`), so the $ref inside it counts as a use (no-unused-components) and the chunk schema is walked by the
// schema rules like any other.
export default function streamItemTypePlugin() {
  return {
    id: 'textgen',
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          MediaType: {
            ...types.MediaType,
            properties: { ...types.MediaType.properties, 'x-stream-item': 'Schema' },
          },
        };
      },
    },
  };
}
