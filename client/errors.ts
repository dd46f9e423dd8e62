// Errors the client surfaces to programs and, as one line, to the CLI.
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}
