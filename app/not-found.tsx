import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-md px-6 text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Nothing here</h1>
      <p className="mt-2 text-sm text-slate-600">The page does not exist, or it is not yours to see.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Go to your start page
      </Link>
    </main>
  );
}
