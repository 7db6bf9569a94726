import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sales analytics", template: "%s · Sales analytics" },
  description:
    "Drop a big, messy sales CSV: streamed, cleaned and aggregated in one pass, with every rejected row kept.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <header className="no-print border-b border-slate-200 bg-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
          >
            <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-6 w-6 text-blue-600"
                fill="currentColor"
              >
                <rect x="3" y="12" width="4" height="9" rx="1" />
                <rect x="10" y="7" width="4" height="14" rx="1" />
                <rect x="17" y="3" width="4" height="18" rx="1" />
              </svg>
              Sales analytics
            </Link>
            <div className="flex gap-4 text-sm">
              <Link href="/" className="text-slate-700 hover:text-blue-700 hover:underline">
                Upload
              </Link>
              <Link href="/jobs" className="text-slate-700 hover:text-blue-700 hover:underline">
                Jobs
              </Link>
            </div>
          </nav>
        </header>
        <Providers>
          <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
