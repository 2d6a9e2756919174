import type { Metadata } from "next";
import { DEMO_WIDGET } from "@/server/auth/demo-accounts";
import { getDb } from "@/server/db/client";
import { findWidgetSource } from "@/server/services/widget/widget-settings";

// A sample service business's site with the chat widget on it, exactly as a customer would embed
// it (one script tag). Public: the widget's id is public by design, and this page shows nothing
// else. `?widget=<public id>` previews another widget (the settings page links here).

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ridge Roofing (sample site)" };

export default async function DemoSite({ searchParams }: { searchParams: Promise<{ widget?: string }> }) {
  const requested = (await searchParams).widget;
  // Only something shaped like a widget id is looked up or shown back.
  const publicId =
    typeof requested === "string" && /^wgt_[\w-]{8,64}$/.test(requested) ? requested : DEMO_WIDGET.publicId;
  const widget = await findWidgetSource(getDb(), publicId);
  return (
    <div className="min-h-screen bg-stone-50 text-stone-900">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
          <p className="text-lg font-bold tracking-tight text-orange-900">Ridge Roofing</p>
          <nav aria-label="Site">
            <ul className="flex gap-5 text-sm text-stone-700">
              <li>Repairs</li>
              <li>New roofs</li>
              <li>Gutters</li>
              <li>About us</li>
            </ul>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl space-y-10 px-6 py-12">
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          A sample site for trying Handoff Desk’s chat widget
          {widget ? <> ({widget.settings.title})</> : null}. Chats started here arrive in the console like any other.
        </p>
        {widget ? null : (
          <p role="alert" className="text-sm text-red-800">
            No active chat widget has the id “{publicId}”.
          </p>
        )}
        <section className="space-y-4">
          <h1 className="text-4xl font-bold tracking-tight">Roof repairs across West Yorkshire</h1>
          <p className="max-w-2xl text-lg text-stone-700">
            Leaks, storm damage, slipped tiles, flat roofs, chimneys and gutters. Tell us what’s happening and one of
            our roofers will take it from there.
          </p>
        </section>
        <section aria-labelledby="services" className="grid gap-4 sm:grid-cols-3">
          <h2 id="services" className="sr-only">
            Services
          </h2>
          {[
            ["Leak repairs", "Finding and fixing leaks in pitched and flat roofs."],
            ["Flat roofs", "Felt, EPDM rubber and fibreglass roofs for garages and extensions."],
            ["Gutters and fascias", "Clearing, repairing and replacing guttering."],
          ].map(([title, text]) => (
            <article key={title} className="rounded-lg border border-stone-200 bg-white p-5">
              <h3 className="font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-stone-700">{text}</p>
            </article>
          ))}
        </section>
      </main>
      {widget ? <script src="/widget.js" data-source={widget.publicId} async /> : null}
    </div>
  );
}
