// Validates the three list shapes Jira's configuration endpoints return (reference §2.1–2.2) and
// throws JiraMalformedResponseError naming the path otherwise. Values are checked, not copied.
import { JiraMalformedResponseError } from './errors';

export type JiraObject = Record<string, unknown>;

export interface PageBean {
  values: JiraObject[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

function isObject(value: unknown): value is JiraObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectArray(value: unknown, path: string, what: string): JiraObject[] {
  if (!Array.isArray(value)) throw new JiraMalformedResponseError(path, `${what} is not an array`);
  const bad = value.findIndex((v) => !isObject(v));
  if (bad >= 0) throw new JiraMalformedResponseError(path, `${what}[${bad}] is not an object`);
  return value as JiraObject[];
}

function optional<T>(body: JiraObject, key: string, type: 'number' | 'boolean', path: string): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new JiraMalformedResponseError(path, `${key} is not a ${type}`);
  return value as T;
}

export function parsePageBean(body: unknown, path: string): PageBean {
  if (!isObject(body)) throw new JiraMalformedResponseError(path, 'expected a PageBean object');
  return {
    values: objectArray(body.values, path, 'values'),
    startAt: optional<number>(body, 'startAt', 'number', path),
    maxResults: optional<number>(body, 'maxResults', 'number', path),
    total: optional<number>(body, 'total', 'number', path),
    isLast: optional<boolean>(body, 'isLast', 'boolean', path),
  };
}

export function parseArray(body: unknown, path: string): JiraObject[] {
  return objectArray(body, path, 'response');
}

export function parseWrapper(body: unknown, key: string, path: string): JiraObject[] {
  if (!isObject(body)) throw new JiraMalformedResponseError(path, `expected an object with ${key}`);
  if (!(key in body)) throw new JiraMalformedResponseError(path, `${key} is missing`);
  return objectArray(body[key], path, key);
}
