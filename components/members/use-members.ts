"use client";

import { useQuery } from "@tanstack/react-query";
import { useOrganization } from "@/components/dashboard/organization-context";
import { apiPath, apiRequest } from "@/lib/client/api";
import type { MemberView } from "./types";

/** Every member (the API pages by 100). */
export function useMembers(enabled = true) {
  const organization = useOrganization();
  return useQuery({
    queryKey: ["members", organization.id],
    enabled,
    queryFn: async ({ signal }) => {
      const all: MemberView[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiRequest<MemberView[]>(apiPath(organization.id, "members"), { query: { limit: 100, cursor }, signal });
        all.push(...page.data);
        cursor = (page.meta?.next_cursor as string | null) ?? undefined;
      } while (cursor);
      return all;
    },
  });
}
