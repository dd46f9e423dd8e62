import type { JsonObject } from '../types';

/** Jira's ErrorCollection body: {"errorMessages": [...], "errors": {}, "status": n}. */
export function jiraError(status: number, message: string): JsonObject {
  return { errorMessages: [message], errors: {}, status };
}
