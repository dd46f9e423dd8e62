/**
 * Validators for Jira Cloud responses built from the published OpenAPI spec. A gzipped copy of the
 * spec (the project's research notes, shared/reference/jira-openapi.json) is kept in fixtures/ so the
 * tests run from any clone; JIRA_OPENAPI_SPEC points at another (plain JSON) copy.
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` is rewritten to allow null, and `#/components/schemas`
 * references are resolved against the spec's component schemas.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const SPEC_PATH = path.join(__dirname, 'fixtures', 'jira-openapi.json.gz');
const SPEC_ID = 'jira-openapi';

type Schema = Record<string, unknown>;

interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

let cached: { ajv: Ajv; spec: Spec } | undefined;

function load(): { ajv: Ajv; spec: Spec } {
  if (cached) return cached;
  const override = process.env['JIRA_OPENAPI_SPEC'];
  const text = override ? readFileSync(override, 'utf8') : gunzipSync(readFileSync(SPEC_PATH)).toString('utf8');
  const spec = JSON.parse(text) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: toJsonSchema(spec.components.schemas) } });
  cached = { ajv, spec };
  return cached;
}

/** Rewrites OpenAPI-only constructs: `nullable` and document-relative `$ref`s. */
function toJsonSchema(value: unknown): any {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const input = value as Schema;
  const out: Schema = {};
  for (const [key, child] of Object.entries(input)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'xml' || key === 'discriminator') continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) out[key] = `${SPEC_ID}${child}`;
    else out[key] = toJsonSchema(child);
  }
  if (input['nullable'] !== true) return out;
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    // An enum must also list null for a null value to pass.
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export interface ResponseValidator {
  (data: unknown): boolean;
  /** Readable description of the last validation's errors. */
  errorText(): string;
}

/** Validator for the JSON body of a 200 response of `method path` (path as in the spec, e.g. /rest/api/3/role). */
export function responseValidator(specPath: string, method: 'get' | 'post' = 'get'): ResponseValidator {
  const { ajv, spec } = load();
  const operation = spec.paths[specPath]?.[method];
  const schema = operation?.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no 200 application/json response schema for ${method.toUpperCase()} ${specPath}`);
  const validate: ValidateFunction = ajv.compile(toJsonSchema(schema));
  const validator = ((data: unknown) => validate(data)) as ResponseValidator;
  validator.errorText = () => ajv.errorsText(validate.errors, { separator: '\n' });
  return validator;
}

/** Validator for one of the spec's component schemas (e.g. 'FieldConfiguration'). */
export function componentValidator(name: string): ResponseValidator {
  const { ajv, spec } = load();
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`no component schema ${name}`);
  const validate: ValidateFunction = ajv.compile(toJsonSchema(schema));
  const validator = ((data: unknown) => validate(data)) as ResponseValidator;
  validator.errorText = () => ajv.errorsText(validate.errors, { separator: '\n' });
  return validator;
}

/** The spec's default `maxResults` of a GET operation (a number, whatever type the spec gives it). */
export function defaultMaxResults(specPath: string): number | undefined {
  const operation = load().spec.paths[specPath]?.['get'] as { parameters?: Array<{ name: string; schema?: { default?: unknown } }> } | undefined;
  const value = operation?.parameters?.find((p) => p.name === 'maxResults')?.schema?.default;
  return value === undefined ? undefined : Number(value);
}

/** The schema name a discriminated union (`CustomFieldContextDefaultValue`) maps a `type` value to. */
export function discriminatedSchema(union: string, type: string): string | undefined {
  const schema = load().spec.components.schemas[union] as { discriminator?: { mapping?: Record<string, string> } } | undefined;
  return schema?.discriminator?.mapping?.[type]?.replace('#/components/schemas/', '');
}
