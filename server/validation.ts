import type { z } from 'zod';

/** The first problem zod found, worded for a person: "timeout: The timeout is at most 3600 seconds." */
export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'Invalid input.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
