/** Input the caller must fix: routes answer 400 with the message (see api-response.ts). */
export class BadRequest extends Error {}
