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
