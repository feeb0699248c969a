import {
  emailQuestion,
  LIMITS,
  nameQuestion,
  organisationNameQuestion,
  organisationQuestion,
  phoneQuestion,
  textQuestion,
} from './rules.ts';

// The questions more than one form asks, each defined once: its kind, its rule and the messages the
// rule needs. Each form asks them under its own field names, and its content file gives their words
// (a coachee's form can phrase "Your line manager's email address" for the manager who confirms it).

/** The sender's own name (and the name they sign with), which browsers may fill in. */
export const fullName = nameQuestion({ autocomplete: 'name' });
/** Someone else's name: a line manager's, the other party's. */
export const personName = nameQuestion();
export const jobTitle = textQuestion('text', LIMITS.short, { autocomplete: 'organization-title', width: 'long' });
export const serviceArea = textQuestion('text', LIMITS.short, { width: 'long' });
/** The sender's own email address. */
export const workEmail = emailQuestion({ autocomplete: 'email' });
/** Someone else's email address. */
export const emailAddress = emailQuestion();
export const telephone = phoneQuestion();
export const organisation = organisationQuestion();
/** The name typed when "Another organisation" is chosen: the sender's own organisation... */
export const otherOrganisation = organisationNameQuestion({ autocomplete: 'organization' });
/** ...or a party's, on the agreement. */
export const partyOtherOrganisation = organisationNameQuestion();
export const lineManagerName = personName;
export const lineManagerEmail = emailAddress;
