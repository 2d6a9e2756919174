"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto mt-24 max-w-md px-6 text-center" data-testid="error-page">
      <h1 className="text-xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The console could not load this page. If the database is unavailable, it will work again once it is back.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
      >
        Try again
      </button>
    </main>
  );
}
