import { OTHER, type FormContent, type FormDefinition } from './forms/types.ts';

export interface Route {
  /** Workforce development inboxes, from content only, without duplicates. */
  inboxes: string[];
  /** How the organisations read in an email subject: "Northfield", "Northfield and Eastmere". */
  organisationLabel: string;
}

/**
 * Who at workforce development receives a submission: each named partner organisation's inboxes;
 * "another organisation" or an id no longer in content goes to the fallback inbox from settings.
 */
export function route(definition: FormDefinition, data: unknown, content: FormContent): Route {
  const inboxes: string[] = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  const addInbox = (inbox: string) => {
    const key = inbox.trim().toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      inboxes.push(inbox.trim());
    }
  };
  for (const { id, otherName } of definition.organisations(data)) {
    const organisation = id === OTHER ? undefined : content.organisations.find((org) => org.id === id);
    if (organisation) organisation.inboxes.forEach(addInbox);
    else addInbox(content.settings.fallbackInbox);
    const label = organisation?.shortName ?? (otherName || 'Another organisation');
    if (!labels.includes(label)) labels.push(label);
  }
  return { inboxes, organisationLabel: labels.join(' and ') };
}
