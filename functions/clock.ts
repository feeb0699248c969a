// The intake's clock, a dependency like the store: tests pass their own, and maintainers can set it
// with INTAKE_CLOCK (or `npm run outbox:flush -- --now <date>`) to see what a later run would do,
// for example which delivered submissions the retention period deletes. A set clock starts at the
// given instant and then runs at the normal rate.

export type Clock = () => number;

/** Parses an ISO date-time (or milliseconds since 1970); undefined when unset or not a date. */
export function parseClock(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function clockFrom(env: Record<string, string | undefined> = process.env, real: Clock = Date.now): Clock {
  const start = parseClock(env.INTAKE_CLOCK);
  if (start === undefined) return real;
  const offset = start - real();
  return () => real() + offset;
}
