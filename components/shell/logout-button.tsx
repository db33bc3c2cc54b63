'use client';
import { api } from '@/lib/api-client';

export function LogoutButton() {
  return (
    <button
      type="button"
      className="w-full rounded-md px-3 py-1.5 text-left text-xs text-muted hover:bg-raised hover:text-slate-100"
      onClick={() => void api('/api/auth/logout', { method: 'POST', body: {} }).finally(() => window.location.assign('/login'))}
    >
      Sign out
    </button>
  );
}
