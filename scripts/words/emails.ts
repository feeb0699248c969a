// Every email the intake sends for the test fixtures' valid submissions (test/fixtures/intake/schemas),
// rendered by the real pipeline with the real content/ (its organisations, form texts and lists): the
// emails to workforce development, the receipt, the request to confirm and, after the second person
// confirms, the follow-up. What the fixture's person typed is returned too: it is theirs, not ours.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { handleConfirm } from '../../functions/confirm.ts';
import { loadFormContent } from '../../functions/content.ts';
import type { OutgoingEmail } from '../../functions/email/messages.ts';
import {
  expiredApplicantEmail,
  expiredWorkforceEmails,
  maintainerAlertEmail,
  recipientBouncedEmails,
  reminderEmail,
  type NoticeContext,
} from '../../functions/email/notices.ts';
import { inSentence } from '../../functions/fill.ts';
import { forms, type FormId } from '../../functions/forms/index.ts';
import { handleFormPost } from '../../functions/submission.ts';
import { post, testDeps } from '../../test/unit/intake-support.ts';

export interface RenderedEmail {
  /** Which email: form id, then recipient position ("coach-eoi #2"). */
  name: string;
  email: OutgoingEmail;
}

/** Fixed random bytes, so references and links are the same every run. */
const counting = () => {
  let n = 0;
  return (size: number) => Uint8Array.from({ length: size }, () => n++ % 240);
};

const answerStrings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(answerStrings) : [];

/** The person asked to confirm types their own name; the fixture says who that is. */
const confirmerName = (body: Record<string, string>) =>
  body.managerName ?? (body.signedBy === 'coach' ? body.coacheeName : body.coachName) ?? '';

export async function renderFixtureEmails(root: string): Promise<{ emails: RenderedEmail[]; answers: string[] }> {
  const contentDir = path.join(root, 'content');
  const emails: RenderedEmail[] = [];
  const answers: string[] = [];
  for (const formId of Object.keys(forms) as FormId[]) {
    const fixture = path.join(root, 'test', 'fixtures', 'intake', 'schemas', `${formId}.json`);
    const body = JSON.parse(readFileSync(fixture, 'utf8')).valid as Record<string, string>;
    const harness = testDeps({ random: counting(), loadContent: (id: FormId) => loadFormContent(id, contentDir) });
    const response = await handleFormPost(post(formId, body), harness.deps, 'words');
    if (response.status >= 300)
      throw new Error(`The ${formId} fixture was refused (${response.status}): no emails to measure.`);
    // Emails go after the answer: wait for them.
    await harness.settle();
    answers.push(...Object.values(body).flatMap(answerStrings), confirmerName(body));
    const link = harness.mailer.emails
      .map((email) => /\/confirm\/([A-Za-z0-9_-]{20,})\//.exec(email.text)?.[1])
      .find(Boolean);
    if (link) {
      await handleConfirm(
        new Request(`https://coaching.example.org/confirm/${link}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ name: confirmerName(body) }).toString(),
        }),
        harness.deps,
        'words',
      );
      await harness.settle();
    }
    for (const [i, email] of harness.mailer.emails.entries())
      emails.push({ name: `${formId} #${i + 1} (${email.subject})`, email });
  }
  emails.push(...(await followUpEmails(contentDir)));
  return { emails, answers };
}

/** The follow-ups for one application: the reminder, the expiry notices and the delivery alerts. */
async function followUpEmails(contentDir: string): Promise<RenderedEmail[]> {
  const content = await loadFormContent('coachee-application', contentDir);
  const definition = forms['coachee-application'];
  const context: NoticeContext = {
    reference: 'APP-4567-89AB',
    formName: definition.name,
    formKind: inSentence(definition.name),
    schemeName: content.settings.schemeName,
    contactEmail: content.settings.contactEmail,
    from: 'coaching@example.org',
    words: content.intake.emails,
  };
  const wd = content.organisations[0]!.inboxes;
  const organisations = content.organisations[0]!.shortName;
  const notices = [
    reminderEmail(
      context,
      'manager@example.org',
      'https://coaching.example.org/confirm/abc/',
      '2026-12-10T09:00:00.000Z',
    ),
    ...expiredWorkforceEmails(context, wd, 'line manager', organisations),
    expiredApplicantEmail(context, 'applicant@example.org', 'line manager'),
    maintainerAlertEmail(context, 'alert', content.settings.maintainersInbox, wd[0]!, 'bounced'),
    maintainerAlertEmail(context, 'alert', content.settings.maintainersInbox, wd[0]!, 'complained'),
    ...recipientBouncedEmails(context, 'alert', wd, undefined, 'bounced'),
    ...recipientBouncedEmails(context, 'alert', wd, 'line manager', 'complained'),
  ];
  return notices.map((email, i) => ({ name: `follow-ups #${i + 1} (${email.subject})`, email }));
}
