/** The reference API's result shape, `{statusCode, message, data}`, and the error that carries a status. */

export interface SdkResult<T = unknown> {
  statusCode: number;
  message: string;
  data?: T;
}

export const Status = {
  OK: 200,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  SERVER_ERROR: 500,
} as const;

/** Thrown inside the core; the SDK facade turns it into a result with the same status and message. */
export class SdkError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = 'SdkError';
  }
}

export const badRequest = (message: string) => new SdkError(Status.BAD_REQUEST, message);
export const unauthorized = (message: string) => new SdkError(Status.UNAUTHORIZED, message);
export const forbidden = (message: string) => new SdkError(Status.FORBIDDEN, message);
export const notFound = (message: string) => new SdkError(Status.NOT_FOUND, message);
export const timeout = (message: string) => new SdkError(Status.TIMEOUT, message);
export const serverError = (message: string) => new SdkError(Status.SERVER_ERROR, message);

export function ok<T>(data: T, message = 'Success'): SdkResult<T> {
  return { statusCode: Status.OK, message, data };
}

export function toResult(error: unknown): SdkResult<never> {
  if (error instanceof SdkError) return { statusCode: error.statusCode, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { statusCode: Status.SERVER_ERROR, message: `Unexpected error: ${message}` };
}

/** Runs a core call and shapes its outcome as a result; never rejects. */
export async function asResult<T>(work: () => Promise<T> | T, message?: string): Promise<SdkResult<T>> {
  try {
    return ok(await work(), message);
  } catch (error) {
    return toResult(error);
  }
}
