// The case view's frame while its data loads, at the final sizes (header, claim line, action bar,
// two columns), so nothing moves when the data arrives.

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function CaseHeaderSkeleton() {
  return <Bar className="my-1 h-5 w-96 max-w-full" />;
}

export function CaseBodySkeleton() {
  return (
    <>
      <div className="min-h-11 border-b border-slate-200 bg-white px-6 py-3">
        <Bar className="h-4 w-80" />
      </div>
      <div className="flex min-h-12 items-center gap-1.5 overflow-hidden border-b border-slate-200 bg-white px-6 py-2">
        {[88, 92, 104, 72, 132, 96, 92, 92].map((width, i) => (
          <div key={i} className="shrink-0" style={{ width }}>
            <Bar className="h-8 w-full" />
          </div>
        ))}
      </div>
      <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-3 px-6 py-4">
          {["w-3/4", "ml-auto w-2/3", "w-1/2", "ml-auto w-3/5"].map((w, i) => (
            <Bar key={i} className={`h-16 ${w}`} />
          ))}
        </div>
        <div className="space-y-4 border-l border-slate-200 bg-white px-4 py-3">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="space-y-2">
              <Bar className="h-3 w-24" />
              <Bar className="h-4 w-full" />
              <Bar className="h-4 w-5/6" />
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
