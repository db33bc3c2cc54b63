import { describe, expect, it } from 'vitest';
import { looksSecret } from './secrets';

describe('looksSecret', () => {
  it.each(['PASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'POSTGRES_PASSWD', 'api_key', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'SECRET', 'JWT_SECRET', 'PRIVATE_KEY', 'dbPassword', 'apiKey', 'REGISTRY_AUTH', 'GOOGLE_APPLICATION_CREDENTIALS', 'KEY', 'SENTRY_DSN', 'TOKENS'])('%s is secret', (n) => {
    expect(looksSecret(n)).toBe(true);
  });
  it.each(['PATH', 'HOME', 'KEYBOARD_LAYOUT', 'MONKEY', 'PASSENGER', 'LANG', 'NGINX_VERSION', 'TOKENIZER_MODE', 'HOSTNAME', 'AUTHOR'])('%s is not', (n) => {
    expect(looksSecret(n)).toBe(false);
  });
});
