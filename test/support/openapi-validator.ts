import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks real answers against the OpenAPI document the API publishes (GET /v1/openapi.json), with a
 * JSON Schema 2020-12 validator that knows nothing of the zod schemas the document was generated
 * from: what a client generated from the document expects is what it gets.
 */
export function answerValidator(document: { paths: Record<string, Record<string, any>> }) {
  const id = 'https://profile-sharing.test/openapi.json';
  // Not strict: the document is an OpenAPI document with JSON Schemas inside, not a JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: id });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const pointer = (...parts: string[]) =>
    parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

  /** The problems of one answer (empty when it fits the document); `path` is the route's template. */
  return (method: string, path: string, status: number, body: unknown): string[] => {
    const response = document.paths[path]?.[method.toLowerCase()]?.responses?.[status];
    if (!response) return [`${method} ${path} does not declare ${status}`];
    if (!response.content)
      return body === undefined || body === '' ? [] : [`${method} ${path} ${status} declares no body`];
    const ref = `${id}#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`;
    const validate = compiled.get(ref) ?? ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
    return validate(body)
      ? []
      : (validate.errors ?? []).map(
          (error) => `${method} ${path} ${status}: ${error.instancePath} ${error.message}`,
        );
  };
}
