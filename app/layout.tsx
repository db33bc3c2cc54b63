import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { parseThemeChoice, systemThemeBootScript, THEME_COOKIE } from '@/lib/ui/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dockside', template: '%s — Dockside' },
  description: 'A local dashboard for your Docker engine.',
  // Static files live in public/ (served at the root; the gate lets these two through unauthenticated).
  icons: { icon: '/icon.svg' },
  robots: { index: false, follow: false },
};

// Every page is rendered per request: the CSP nonce is per request, and nothing here is static.
export const dynamic = 'force-dynamic';

/** The per-request nonce the security layer put in the request's CSP header (server/security/headers.ts). */
async function cspNonce(): Promise<string | undefined> {
  const csp = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = await cspNonce();
  const choice = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  // An explicit choice is rendered here; 'system' is resolved by the boot script before the first
  // paint, and the switch changes data-theme later, so React must not fight it on hydration.
  return (
    <html lang="en" data-theme={choice === 'system' ? undefined : choice} suppressHydrationWarning>
      <head>
        {choice === 'system' && <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: systemThemeBootScript }} />}
      </head>
      <body className="min-h-full">{children}</body>
    </html>
  );
}
