/**
 * Reading members of a parsed JSON 1.1 request. The front hands handlers `Record<string, unknown>`;
 * these helpers narrow it and reject missing or malformed members with the error the calling
 * service uses for bad input (Organizations: `InvalidInputException`, the others: `ValidationException`).
 */
import { AwsError } from '../service.ts';

export type Input = Record<string, unknown>;
export type InvalidInput = (message: string) => AwsError;

/** Identity Store and SSO Admin word schema violations as Coral-based services do. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

/** AWS's wording for one failed constraint: `1 validation error detected: Value 'x' at 'name' failed to …`. */
export function constraintMessage(member: string, value: unknown, constraint: string): string {
  const shown = value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
  return `1 validation error detected: Value '${shown}' at '${lowerFirst(member)}' failed to satisfy constraint: ${constraint}`;
}

function lowerFirst(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

export function requiredString(input: Input, member: string, invalid: InvalidInput = validationError): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw invalid(constraintMessage(member, value, 'Member must not be null'));
  }
  return value;
}

export function optionalString(input: Input, member: string, invalid: InvalidInput = validationError): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(constraintMessage(member, value, 'Member must be a string'));
  return value;
}

/** A required string that must match `pattern` (AWS's model pattern, anchored here). */
export function matchingString(input: Input, member: string, pattern: RegExp, invalid: InvalidInput = validationError): string {
  const value = requiredString(input, member, invalid);
  if (!pattern.test(value)) {
    throw invalid(constraintMessage(member, value, `Member must satisfy regular expression pattern: ${pattern.source}`));
  }
  return value;
}

export function optionalObject(input: Input, member: string, invalid: InvalidInput = validationError): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(constraintMessage(member, value, 'Member must be a structure'));
  }
  return value as Input;
}

export function requiredObject(input: Input, member: string, invalid: InvalidInput = validationError): Input {
  const value = optionalObject(input, member, invalid);
  if (!value) throw invalid(constraintMessage(member, undefined, 'Member must not be null'));
  return value;
}

export function optionalArray(input: Input, member: string, invalid: InvalidInput = validationError): unknown[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(constraintMessage(member, value, 'Member must be a list'));
  return value;
}

export function oneOf<T extends string>(input: Input, member: string, allowed: readonly T[], invalid: InvalidInput = validationError): T {
  const value = requiredString(input, member, invalid);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalid(constraintMessage(member, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`));
  }
  return value as T;
}
