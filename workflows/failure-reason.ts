// The most specific message in a Temporal failure chain (ActivityFailure → ApplicationFailure → ...).
export function failureReason(err: unknown): string {
  let current: unknown = err;
  let message = 'unknown failure';
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

/** The `type` of the innermost failure that has one (an activity's ApplicationFailure type, e.g. ReauthRequiredError). */
export function failureType(err: unknown): string | undefined {
  let current: unknown = err;
  let type: string | undefined;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    const t = (current as { type?: unknown }).type;
    if (typeof t === 'string' && t) type = t;
    current = (current as { cause?: unknown }).cause;
  }
  return type;
}
