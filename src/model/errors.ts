/** The error every layer throws: a reference-API status code (400, 401, 403, 404, 408, 500) and a
 * message a person can act on. The SDK facade turns it into `{statusCode, message}`. */

export const Status = {
  OK: 200,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  TOO_LARGE: 413,
  SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

export class SdkError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = 'SdkError';
  }
}

/** 400: a parameter is missing or malformed; the message names it. */
export const badRequest = (message: string) => new SdkError(Status.BAD_REQUEST, message);
/** 401: not signed in, or wrong credentials. */
export const unauthorized = (message: string) => new SdkError(Status.UNAUTHORIZED, message);
/** 403: the feature is switched off for this deployment, or the server forbids it. */
export const forbidden = (message: string) => new SdkError(Status.FORBIDDEN, message);
/** 404: an unknown message, chat or server item. */
export const notFound = (message: string) => new SdkError(Status.NOT_FOUND, message);
/** 408: the server did not answer in time. */
export const timeout = (message: string) => new SdkError(Status.TIMEOUT, message);
/** 413: a file larger than the server's upload limit; the message gives the limit. */
export const tooLarge = (message: string) => new SdkError(Status.TOO_LARGE, message);
/** 502: the upload service refused the file (its HTTP status is in the message). */
export const badGateway = (message: string) => new SdkError(Status.BAD_GATEWAY, message);
/** 503: the server offers no file upload service. */
export const unavailable = (message: string) => new SdkError(Status.UNAVAILABLE, message);
/** 500: a server error or something unexpected; the message says which. */
export const serverError = (message: string) => new SdkError(Status.SERVER_ERROR, message);

/** Any thrown value as an SdkError (unexpected ones become 500). */
export function asSdkError(error: unknown): SdkError {
  if (error instanceof SdkError) return error;
  return serverError(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}
