import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dockside', template: '%s · Dockside' },
  description: 'A local dashboard for your Docker engine.',
  // Static files live in public/ (served at the root; the gate lets these two through unauthenticated).
  icons: { icon: '/icon.svg' },
  robots: { index: false, follow: false },
};

// Every page is rendered per request: the CSP nonce is per request, and nothing here is static.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-full">{children}</body>
    </html>
  );
}
