import type { Config } from '@netlify/functions';
import { followUpPlanner } from '../../functions/follow-ups.ts';
import { flushOutbox } from '../../functions/outbox.ts';
import { runtime } from './_shared/intake.mts';

// Every 5 minutes: add reminders and expiry notices that are due, send whatever is still pending, then apply the retention period and clear the
// rate limit's ended windows.
export default async () => {
  const deps = runtime();
  // Scheduled functions may run for 30 seconds; stop starting new sends well before that.
  const report = await flushOutbox(deps, {
    retentionDays: deps.config.retentionDays,
    deadline: deps.now() + 20_000,
    followUps: followUpPlanner(deps),
  });
  deps.log(
    `outbox: ${report.followUps.length} follow-ups added, ${report.sent.length} sent, ${report.pending.length} pending, ` +
      `${report.deleted.length} deleted, ${report.keptPending.length} kept past retention (pending), ${report.limitsCleared} old rate-limit counts cleared`,
  );
};

export const config: Config = { schedule: '*/5 * * * *' };
