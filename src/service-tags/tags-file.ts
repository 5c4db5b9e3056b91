// Reads and checks ServiceTags_<Cloud>_<date>.json (FACTS §7). Pure: text in, a
// checked model out, or one MDI_SERVICE_TAGS_INVALID error naming the JSON path of
// the first thing wrong (values[3].properties.addressPrefixes[2]). Never another
// exception: a truncated, foreign or hand-edited file is the admin's to fix, not a bug.
//
// Only the fields this check relies on are required (cloud, changeNumber, values[].name,
// values[].properties.addressPrefixes); the others are type-checked when present, so a
// future field does not break the reader but a wrong type is still reported.

import { ErrorCode, MdiInputError } from '../errors.js';
import { prefixProblem } from './cidr.js';
import { describeJsonError } from './json-error.js';

export interface TagEntry {
  name: string;
  /** The tag's own changeNumber, when the file gives one. */
  changeNumber: number | null;
  /** Prefix texts as published (checked syntax, not yet parsed). */
  prefixes: string[];
}

export interface ServiceTagsFile {
  cloud: string;
  changeNumber: number;
  tags: Map<string, TagEntry>;
}

type Json = Record<string, unknown>;

const OPTIONAL_STRING = ['region', 'platform', 'systemService'] as const;

export function readServiceTagsFile(text: string): ServiceTagsFile {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw invalid('the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw invalid(`the file is not valid JSON: ${describeJsonError(error, body)}`);
  }
  if (!isObject(doc)) throw invalid(`the file holds ${kind(doc)}, not the JSON object of a service tags file`);
  if (!Array.isArray(doc.values)) {
    const why = doc.values === undefined ? "it has no 'values' array" : `'values' is ${kind(doc.values)}, not an array`;
    throw invalid(`${why}: this is not an Azure service tags file (ServiceTags_Public_YYYYMMDD.json from the Microsoft Download Center)`);
  }
  const cloud = requiredString(doc, 'cloud', '');
  if (cloud.trim() === '') throw invalid("'cloud' is empty");
  const changeNumber = changeNumberOf(doc.changeNumber, 'changeNumber', true)!;
  const tags = new Map<string, TagEntry>();
  doc.values.forEach((value: unknown, index: number) => {
    const entry = readValue(value, `values[${index}]`);
    if (!tags.has(entry.name)) tags.set(entry.name, entry);
  });
  return { cloud, changeNumber, tags };
}

function readValue(value: unknown, path: string): TagEntry {
  if (!isObject(value)) throw invalid(`${path} is ${kind(value)}, not a tag object`);
  const name = requiredString(value, 'name', `${path}.`);
  if (name.trim() === '') throw invalid(`${path}.name is empty`);
  if (value.id !== undefined && typeof value.id !== 'string') throw invalid(`${path}.id is ${kind(value.id)}, not a string`);
  const properties = value.properties;
  const at = `${path}.properties`;
  if (!isObject(properties)) throw invalid(`${at} is ${properties === undefined ? 'missing' : kind(properties)}; each tag needs an object with addressPrefixes`);
  for (const field of OPTIONAL_STRING) {
    if (properties[field] !== undefined && typeof properties[field] !== 'string') throw invalid(`${at}.${field} is ${kind(properties[field])}, not a string`);
  }
  if (properties.regionId !== undefined && typeof properties.regionId !== 'number') throw invalid(`${at}.regionId is ${kind(properties.regionId)}, not a number`);
  const features = properties.networkFeatures;
  if (features !== undefined && features !== null) {
    if (!Array.isArray(features)) throw invalid(`${at}.networkFeatures is ${kind(features)}, not an array or null`);
    features.forEach((feature: unknown, i: number) => {
      if (typeof feature !== 'string') throw invalid(`${at}.networkFeatures[${i}] is ${kind(feature)}, not a string`);
    });
  }
  const list = properties.addressPrefixes;
  if (!Array.isArray(list)) throw invalid(`${at}.addressPrefixes is ${list === undefined ? 'missing' : `${kind(list)}, not an array`}`);
  const prefixes = list.map((prefix: unknown, i: number) => {
    const where = `${at}.addressPrefixes[${i}]`;
    if (typeof prefix !== 'string') throw invalid(`${where} is ${kind(prefix)}, not a prefix string`);
    const problem = prefixProblem(prefix);
    if (problem) throw invalid(`${where} '${clip(prefix)}' is not a CIDR prefix: ${problem}`);
    return prefix;
  });
  return { name, changeNumber: changeNumberOf(properties.changeNumber, `${at}.changeNumber`, false), prefixes };
}

function requiredString(doc: Json, key: string, prefix: string): string {
  const value = doc[key];
  if (value === undefined) throw invalid(`${prefix}${key} is missing`);
  if (typeof value !== 'string') throw invalid(`${prefix}${key} is ${kind(value)}, not a string`);
  return value;
}

function changeNumberOf(value: unknown, path: string, mandatory: boolean): number | null {
  if (value === undefined && !mandatory) return null;
  if (value === undefined) throw invalid(`${path} is missing`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(`${path} is ${kind(value)}, not a whole number`);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads in a message: its JSON type, and a short quote of a scalar. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string '${clip(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
  return typeof value;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function invalid(what: string): MdiInputError {
  return new MdiInputError(ErrorCode.ServiceTagsInvalid, `The service tags file is not valid: ${what}${/[.?!]$/.test(what) ? '' : '.'}`);
}
