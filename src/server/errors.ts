/** The API's error shape: {"error":{"code","message",...details}} with a fitting status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...details } };
}
