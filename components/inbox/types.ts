import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type InboxListPage = Outputs["inbox"]["list"];
export type InboxCardItem = InboxListPage["items"][number];
export type InboxDetail = Outputs["inbox"]["get"];
export type PendingReply = Outputs["replies"]["pending"][number];
