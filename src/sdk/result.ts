/** The reference API's result shape, `{statusCode, message, data}`: every SDK call resolves to one. */
import { asSdkError, Status } from '../model/errors.js';

export interface SdkResult<T = unknown> {
  statusCode: number;
  message: string;
  data?: T;
}

export function ok<T>(data: T, message = 'Success'): SdkResult<T> {
  return { statusCode: Status.OK, message, data };
}

export function toResult(error: unknown): SdkResult<never> {
  const { statusCode, message } = asSdkError(error);
  return { statusCode, message };
}

/** Runs a core call and shapes its outcome as a result; never rejects. */
export async function asResult<T>(work: () => Promise<T> | T, message?: string): Promise<SdkResult<T>> {
  try {
    return ok(await work(), message);
  } catch (error) {
    return toResult(error);
  }
}
