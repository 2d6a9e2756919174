import { QueueTable, SkeletonRows } from "./queue-table";

/** What the queue looks like before its client code runs: the same frame, rows still loading. */
export function QueueSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-[45px] border-b border-slate-200" />
      <div className="h-[105px] border-b border-slate-200" />
      <div className="h-11" />
      <div className="px-3">
        <QueueTable caption="Loading cases" busy>
          <SkeletonRows count={8} />
        </QueueTable>
      </div>
    </div>
  );
}
