import type { AstroIntegration } from 'astro';

// A production deploy that cannot send email would tell applicants "we have emailed you" while
// nothing goes. So its build stops, in one sentence naming the variable. Deploy previews and branch
// deploys may build without it: their forms say this copy sends no email (see sendsEmail).

type Env = Record<string, string | undefined>;

/** The one sentence a production build without an email key stops with; undefined when it may go on. */
export function missingEmailSetting(env: Env = process.env): string | undefined {
  if (env.CONTEXT !== 'production' || env.RESEND_API_KEY) return undefined;
  return 'RESEND_API_KEY is not set: a production deploy must send email, so set RESEND_API_KEY in Netlify (Site configuration → Environment variables) and deploy again.';
}

export default function emailRequired(env: Env = process.env): AstroIntegration {
  return {
    name: 'email-required',
    hooks: {
      // As the build starts, before anything is built; `astro dev` and `astro preview` are not stopped.
      'astro:config:setup': ({ command, logger }) => {
        const problem = command === 'build' ? missingEmailSetting(env) : undefined;
        if (!problem) return;
        // One sentence and exit 1: a thrown error would bury it under a stack trace.
        logger.error(problem);
        process.exit(1);
      },
    },
  };
}
