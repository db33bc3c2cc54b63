'use client';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '@/lib/api-client';
import { Button } from '../ui/button';

const linkErrors: Record<string, string> = {
  invalid_token: 'That sign-in link has a token that is not valid (it may have been rotated). Paste the current one below.',
  rate_limited: 'Too many sign-in attempts. Wait a minute and try again.',
};

/** Only same-site paths: `next` must never send people to another site after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/containers';
}

export function LoginForm() {
  const params = useSearchParams();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(linkErrors[params.get('error') ?? ''] ?? null);
  const [busy, setBusy] = useState(false);
  // With a password set (`set-password`), the same field takes either.
  const [passwordEnabled, setPasswordEnabled] = useState(false);
  // Where the token file is: the server says (DOCKSIDE_CONFIG_DIR moves it); the default until it has.
  const [tokenPath, setTokenPath] = useState('~/.config/dockside/token');

  useEffect(() => {
    api<{ passwordEnabled?: boolean; tokenPath?: string }>('/api/auth/status')
      .then((s) => {
        setPasswordEnabled(Boolean(s.passwordEnabled));
        if (s.tokenPath) setTokenPath(s.tokenPath);
      })
      .catch(() => undefined);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/login', { method: 'POST', body: { token } }); // the server trims tokens, never passwords
      window.location.assign(safeNext(params.get('next')));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <p className="text-sm text-fg-soft">
        Dockside controls your Docker engine, so it only answers to the person who started it. Open the link it printed in the terminal, or paste the
        token here{passwordEnabled ? ' (or type your password)' : ''}.
      </p>
      <label className="flex flex-col gap-1.5 text-sm">
        <span className="font-medium">{passwordEnabled ? 'Access token or password' : 'Access token'}</span>
        <input
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="h-9 rounded-md border border-line bg-surface px-3 font-mono text-sm outline-none focus:border-accent"
          placeholder={passwordEnabled ? 'Token or password' : '64 hex characters'}
        />
      </label>
      <p className="text-xs text-muted">
        It is also stored in <code className="font-mono break-all" data-testid="token-path">{tokenPath}</code>.
      </p>
      {error && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={busy || !token.trim()}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
