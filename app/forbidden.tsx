import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md px-6 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your role does not include it. If you need it, ask an admin to change your role.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Go to your start page
      </Link>
    </main>
  );
}
