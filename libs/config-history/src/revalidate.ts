import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/**
 * A stored version goes through today's request validation before it is in force again (limits
 * may have tightened since it was saved): the same DTO class a save's body is checked with.
 */
export function revalidate<T extends object>(Dto: new () => T, plain: object): T | { error: string } {
  const dto = plainToInstance(Dto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return dto;
  return { error: `this version no longer passes validation: ${flatten(errors).join('; ')}` };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}
