import { OPERATION_SCOPE_TABLE } from './operation-scope-table';

/** The scopes one operation accepts (from the spec's `x-atlassian-oauth2-scopes`). */
export interface OperationScopes {
  /** The classic scopes (state "Current"). */
  classic: string[];
  /** The granular scopes (state "Beta"), all needed together; null when the spec names none. */
  granular: string[] | null;
}

/** Scopes of "GET field/{fieldId}/context" etc.; undefined for an operation the table lacks. */
export function operationScopes(method: string, template: string): OperationScopes | undefined {
  return OPERATION_SCOPE_TABLE[`${method} ${template}`];
}

/**
 * Jira's rule: a token may call an operation when it holds the classic scope, or every granular scope
 * of the operation's granular set. An operation without a granular set takes the classic scope only.
 */
export function grantAllows(required: OperationScopes, granted: readonly string[]): boolean {
  const held = new Set(granted);
  if (required.classic.every((scope) => held.has(scope))) return true;
  return required.granular !== null && required.granular.every((scope) => held.has(scope));
}

/**
 * The body Atlassian's API gateway answers with (HTTP 401) when a token's scopes do not cover an
 * operation; the spec documents no body, so this is the one users report seeing from real sites
 * (raycast/extensions#11212, 2024; Atlassian Community threads on 3LO and scoped tokens, 2025).
 */
export const SCOPE_MISMATCH_BODY = { code: 401, message: 'Unauthorized; scope does not match' };
