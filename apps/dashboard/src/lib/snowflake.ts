/** Discord ids are 64-bit integers written in decimal; anything else never reaches a service URL. */
export const SNOWFLAKE = /^\d{15,21}$/;

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE.test(value);
}
