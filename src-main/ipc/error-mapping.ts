// Errors cross IPC as values (design §3). ShelfError keeps its code and sentence; a zod failure
// becomes INVALID_ARGUMENT naming the field; anything else is logged and answered generically
// so that no stack trace or internal path wording reaches the window.
import { z } from 'zod';
import { errnoInfo } from '../shared/errno-sentences.ts';
import { ShelfError, type ErrorInfo } from '../shared/errors.ts';
// The service's own logger (a leaf module): importing the service's door here would make a circle.
import { defaultLogger, type Logger } from '../service/ports.ts';

function fieldName(issuePath: readonly PropertyKey[]): string {
  return issuePath.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
}

export function invalidArgument(channel: string, error: z.ZodError): ErrorInfo {
  const issue = error.issues[0];
  if (!issue) return { code: 'INVALID_ARGUMENT', message: `The ${channel} request was refused: its argument is invalid.` };
  let where = fieldName(issue.path);
  const what =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${where ? `${where}.` : ''}${k}'`).join(', ')}`
      : `${where ? `field '${where}'` : 'the argument'}: ${issue.message}`;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) where = where ? `${where}.${issue.keys[0]}` : issue.keys[0];
  // A refinement's message is already a sentence; ending it twice reads as a typo ("..").
  const sentence = /[.!?]$/.test(what) ? what : `${what}.`;
  return {
    code: 'INVALID_ARGUMENT',
    message: `The ${channel} request was refused because of ${sentence}`,
    details: { field: where, channel },
  };
}

export function toErrorInfo(channel: string, error: unknown, log: Logger = defaultLogger): ErrorInfo {
  if (error instanceof ShelfError) return error.toInfo();
  if (error instanceof z.ZodError) return invalidArgument(channel, error);
  // Errors the store did not wrap: map the few a person can act on, hide the rest.
  const known = errnoInfo(error);
  log(`${channel} failed`, error);
  return known ?? { code: 'INTERNAL', message: 'Something went wrong inside Model Shelf. The details were written to the log; please try again.' };
}
