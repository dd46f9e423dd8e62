// One line naming every problem zod found, for InvalidInputError messages.
import type { ZodError } from 'zod';

export function zodProblems(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}
