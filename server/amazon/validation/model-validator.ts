import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  MODEL_FILES,
  SPAPI_OPERATION_NAMES,
  findOperation,
  loadModel,
  type ModelName,
  type ModelOperation,
  type SpApiOperation,
  type SwaggerParameter,
} from '../models';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

export interface IncomingRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  body: unknown;
}

export type RequestValidation =
  | {
      ok: true;
      operation: SpApiOperation;
      path: Record<string, string>;
      query: Record<string, unknown>;
      body: unknown;
    }
  | { ok: false; operation: SpApiOperation | null; errors: string[] };

interface CompiledOperation {
  op: ModelOperation;
  pathPattern: RegExp;
  pathNames: string[];
  params: SwaggerParameter[];
  validateQuery: ValidateFunction;
  validatePath: ValidateFunction;
  validateBody: ValidateFunction | null;
  bodyRequired: boolean;
}

/** JSON Schema keywords a Swagger 2.0 non-body parameter may carry. */
const PARAMETER_KEYWORDS = [
  'type',
  'format',
  'items',
  'enum',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
] as const;

function parameterSchema(param: SwaggerParameter): Record<string, unknown> {
  return Object.fromEntries(PARAMETER_KEYWORDS.filter((k) => k in param).map((k) => [k, param[k]]));
}

/**
 * Validates SP-API requests and responses against the official Swagger 2.0 models with ajv: the
 * models' `definitions` are JSON Schema (draft-04 flavoured), parameters are turned into one
 * object schema per location. Query strings are coerced the way Amazon reads them (csv arrays,
 * numbers), unknown query parameters are refused so a client typo cannot pass unnoticed.
 */
export class ModelValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
  private readonly operations: CompiledOperation[];

  constructor(operations: readonly SpApiOperation[] = SPAPI_OPERATION_NAMES) {
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) {
      this.ajv.addFormat(format, true);
    }
    for (const name of Object.keys(MODEL_FILES) as ModelName[]) {
      const { definitions } = loadModel(name);
      this.ajv.addSchema({ $id: `${name}.json`, definitions });
    }
    this.operations = operations.map((name) => this.compile(findOperation(name)));
  }

  private compile(op: ModelOperation): CompiledOperation {
    const params = op.spec.parameters ?? [];
    const schemaFor = (location: string) => {
      const own = params.filter((p) => p.in === location);
      return this.ajv.compile({
        type: 'object',
        properties: Object.fromEntries(own.map((p) => [p.name, parameterSchema(p)])),
        required: own.filter((p) => p.required).map((p) => p.name),
        additionalProperties: false,
      });
    };
    const body = params.find((p) => p.in === 'body');
    const pathNames: string[] = [];
    const pattern = op.pathTemplate
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => {
        pathNames.push(n);
        return '([^/]+)';
      });
    return {
      op,
      pathPattern: new RegExp(`^${pattern}$`),
      pathNames,
      params,
      validateQuery: schemaFor('query'),
      validatePath: schemaFor('path'),
      validateBody: body?.schema ? this.ajv.compile(this.resolveRefs(op.model, body.schema)) : null,
      bodyRequired: body?.required ?? false,
    };
  }

  /** `#/definitions/X` → `model.json#/definitions/X`, so refs resolve in the added model. */
  private resolveRefs(model: ModelName, schema: unknown): Record<string, unknown> {
    return JSON.parse(
      JSON.stringify(schema).replace(/"#\/definitions\//g, `"${model}.json#/definitions/`),
    ) as Record<string, unknown>;
  }

  /** The operation a method and path address, or null (an unknown route). */
  match(
    method: string,
    pathname: string,
  ): { compiled: CompiledOperation; path: Record<string, string> } | null {
    for (const compiled of this.operations) {
      if (compiled.op.method !== method.toUpperCase()) continue;
      const m = compiled.pathPattern.exec(pathname);
      if (!m) continue;
      const path = Object.fromEntries(
        compiled.pathNames.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]),
      );
      return { compiled, path };
    }
    return null;
  }

  validateRequest(request: IncomingRequest): RequestValidation {
    const matched = this.match(request.method, request.pathname);
    if (!matched)
      return {
        ok: false,
        operation: null,
        errors: [`no operation for ${request.method} ${request.pathname}`],
      };
    const { compiled, path } = matched;
    const errors: string[] = [];
    const query: Record<string, unknown> = {};
    for (const key of new Set(request.query.keys())) {
      const param = compiled.params.find((p) => p.in === 'query' && p.name === key);
      const raw = request.query.get(key) ?? '';
      query[key] = param ? coerce(param, raw) : raw;
    }
    const check = (validate: ValidateFunction, data: unknown, where: string) => {
      if (!validate(data)) {
        for (const e of validate.errors ?? []) {
          errors.push(
            `${where}${e.instancePath || ''} ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
          );
        }
      }
    };
    check(compiled.validatePath, path, 'path');
    check(compiled.validateQuery, query, 'query');
    if (compiled.validateBody) {
      if (request.body === undefined) {
        if (compiled.bodyRequired) errors.push('body is required');
      } else {
        check(compiled.validateBody, request.body, 'body');
      }
    } else if (request.body !== undefined) {
      errors.push('this operation takes no body');
    }
    return errors.length > 0
      ? { ok: false, operation: compiled.op.name, errors }
      : { ok: true, operation: compiled.op.name, path, query, body: request.body };
  }

  /** Problems of a response body against the model's schema for its status; [] when valid. */
  validateResponse(operation: SpApiOperation, status: number, body: unknown): string[] {
    const op = findOperation(operation);
    const response = op.spec.responses[String(status)];
    if (!response) return [`${operation} declares no ${status} response`];
    if (!response.schema)
      return body === undefined || body === null
        ? []
        : [`${operation} ${status} has no body schema`];
    const validate = this.ajv.compile(this.resolveRefs(op.model, response.schema));
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
  }
}

function coerce(param: SwaggerParameter, raw: string): unknown {
  const scalar = (type: unknown, text: string): unknown => {
    if (
      (type === 'integer' || type === 'number') &&
      text.trim() !== '' &&
      Number.isFinite(Number(text))
    )
      return Number(text);
    if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  };
  if (param.type === 'array') {
    const items = (param.items ?? {}) as { type?: string };
    return raw === '' ? [] : raw.split(',').map((part) => scalar(items.type, part));
  }
  return scalar(param.type, raw);
}
