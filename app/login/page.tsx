import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '@/components/shell/login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return (
    <main id="main" className="grid min-h-screen place-items-center p-6">
      <div className="w-full max-w-md rounded-xl border border-line bg-panel p-8 shadow-xl">
        <div className="mb-6 flex items-center gap-2 text-xl font-semibold">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-accent text-accent-fg">
            ◧
          </span>
          Dockside
        </div>
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
