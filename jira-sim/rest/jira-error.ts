import type { JsonObject } from '../types';

/** Jira's ErrorCollection body: {"errorMessages": [...], "errors": {}, "status": n}. */
export function jiraError(status: number, message: string): JsonObject {
  return { errorMessages: [message], errors: {}, status };
}

/** Thrown by a resource whose answer is 204 without a body (e.g. the time tracking provider while time tracking is off). */
export class NoContent extends Error {
  constructor() {
    super('no content');
  }
}

/**
 * An error a resource answers with, in the exact body the spec's examples show for it (for instance
 * 404 {"errorMessages":["The custom field was not found."],"errors":{}}, without `status`).
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  get body(): JsonObject {
    return { errorMessages: [this.message], errors: {} };
  }
}
