'use client';
import { api } from '@/lib/api-client';

export function LogoutButton() {
  return (
    <button
      type="button"
      title="Sign out"
      className="w-full rounded-md px-3 py-1.5 text-left text-xs text-muted hover:bg-raised hover:text-fg sm:px-0 sm:text-center xl:px-3 xl:text-left"
      onClick={() => void api('/api/auth/logout', { method: 'POST', body: {} }).finally(() => window.location.assign('/login'))}
    >
      <span aria-hidden className="hidden sm:inline xl:hidden">
        ⏻
      </span>
      <span className="sm:sr-only xl:not-sr-only">Sign out</span>
    </button>
  );
}
