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
      <svg aria-hidden viewBox="0 0 16 16" className="mx-auto hidden h-4 w-4 sm:block xl:hidden" fill="none" stroke="currentColor" strokeWidth="1.4">
        <path d="M6 3H3v10h3M10 5l3 3-3 3M13 8H6" />
      </svg>
      <span className="sm:sr-only xl:not-sr-only">Sign out</span>
    </button>
  );
}
