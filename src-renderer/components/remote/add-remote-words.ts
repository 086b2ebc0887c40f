// The add form's own wording for main's sentences that name a CLI flag or command: main says what
// to do at a terminal ("pass --allow-http"), the form says it in terms of its own fields. Chosen
// by the error's details, never by parsing the message (design §3).
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The sentence the add form shows for `error`, or null to show main's own. */
export function addFormSentence(error: ErrorInfo): string | null {
  const d = error.details ?? {};
  switch (d.fix) {
    case 'allow-http':
      return `The endpoint '${text(d.endpoint)}' is plain http to another machine, so keys and models would cross the network unencrypted; use https://, or tick “Allow plain http” if that network is trusted.`;
    case 'other-name':
      return `A remote named '${text(d.name)}' already exists; choose another name, or remove that remote from the list first.`;
    case 'credentials':
      return d.profile
        ? `No AWS credentials were found for the profile '${text(d.profile)}'; sign in to it (aws configure or aws sso login in a terminal), then test again.`
        : 'No AWS credentials were found on this computer; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile with aws configure and name it in Profile, then test again.';
    default:
      return null;
  }
}
