import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schemaDir = new URL('../../module/schema/', import.meta.url);
const load = (file: string): object => JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as object;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateResponse = ajv.compile(load('engine-response.schema.json'));
const validateRequest = ajv.compile(load('engine-request.schema.json'));

/** Errors of `value` against the generated contract schema, or [] when it conforms. */
export function responseSchemaErrors(value: unknown): string[] {
  return validateResponse(value) ? [] : (validateResponse.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function requestSchemaErrors(value: unknown): string[] {
  return validateRequest(value) ? [] : (validateRequest.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
