/** A Discord-shaped JSON error: `{ code, message }` with the HTTP status Discord uses. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...this.extra };
  }
}

export const unknown = {
  channel: () => new ApiError(404, 10003, 'Unknown Channel'),
  guild: () => new ApiError(404, 10004, 'Unknown Guild'),
  member: () => new ApiError(404, 10007, 'Unknown Member'),
  message: () => new ApiError(404, 10008, 'Unknown Message'),
  role: () => new ApiError(404, 10011, 'Unknown Role'),
  user: () => new ApiError(404, 10013, 'Unknown User'),
  webhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  command: () => new ApiError(404, 10063, 'Unknown application command'),
  interaction: () => new ApiError(404, 10062, 'Unknown interaction'),
};

export const missingPermissions = () => new ApiError(403, 50013, 'Missing Permissions');
export const missingAccess = () => new ApiError(403, 50001, 'Missing Access');
export const unauthorized = () => new ApiError(401, 0, '401: Unauthorized');

/** Discord's 50035 Invalid Form Body, naming the field like Discord's `errors` tree does. */
export function invalidFormBody(field: string, message: string): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', {
    errors: { [field]: { _errors: [{ code: 'BASE_TYPE_INVALID', message }] } },
  });
}
