/**
 * Names of environment variables (and similar key/value settings) whose values are probably
 * secret: shown masked until the user reveals them, so a screen share or a shoulder does not
 * leak a password. Matches name parts, case-insensitively: DB_PASSWORD, api_key, GITHUB_TOKEN,
 * AWS_SECRET_ACCESS_KEY, PASSWD, PRIVATE_KEY, CREDENTIALS… but not KEYBOARD_LAYOUT or MONKEY.
 */
const SECRET_PART = /(^|[^a-z0-9])(pass(word|wd|phrase)?|pwd|secrets?|tokens?|(api|access|private|secret|auth|signing|encryption|master)?_?keys?|credentials?|auth|cookie|session|salt|dsn)([^a-z0-9]|$)/i;

export function looksSecret(name: string): boolean {
  // Split camelCase so "dbPassword" reads as "db_Password".
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return SECRET_PART.test(spaced);
}

/** What a masked value shows: its length is not given away. */
export const MASK = '••••••••';
