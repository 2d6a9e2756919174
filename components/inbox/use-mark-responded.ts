"use client";

import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "@/components/providers/trpc";
import type { InboxCardItem, InboxDetail, InboxListPage } from "./types";

interface Responded {
  handoffId: string;
  status: "responded";
  version: number;
  respondedAt: Date;
  responseSeconds: number;
}

function respondedItem<T extends InboxCardItem>(item: T, result: Responded): T {
  if (item.handoffId !== result.handoffId) return item;
  return {
    ...item,
    status: result.status,
    version: result.version,
    respondedAt: result.respondedAt,
    respondedVia: "marked",
    responseSeconds: result.responseSeconds,
    breached: false,
  };
}

/**
 * The cached inbox pages with one handoff marked responded, in place: the card stays where it was,
 * now showing the response time, until the list is next loaded.
 */
export function withResponded(data: InfiniteData<InboxListPage> | undefined, result: Responded) {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.map((i) => respondedItem(i, result)) })),
  };
}

/** Mark a handoff responded, with the version the user saw; a conflict reloads what is true now. */
export function useMarkResponded(onError: (message: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.inbox.markResponded.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueriesData<InfiniteData<InboxListPage>>({ queryKey: trpc.inbox.list.pathKey() }, (data) =>
          withResponded(data, result),
        );
        queryClient.setQueryData<InboxDetail>(trpc.inbox.get.queryKey({ handoffId: result.handoffId }), (item) =>
          item ? respondedItem(item, result) : item,
        );
      },
      onError: (error) => {
        onError(error.message);
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
          void queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
        }
      },
    }),
  );
}
