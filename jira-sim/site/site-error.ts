/** An admin or site error with its HTTP status. */
export class SiteError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
