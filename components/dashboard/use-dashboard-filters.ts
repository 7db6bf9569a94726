"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { DataFilters } from "@/lib/api/types";
import { filtersToSearch, parseFilters } from "./filters";

/** The filters live in the URL, so a shared link reproduces the exact view. */
export function useDashboardFilters() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const urlFilters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  // useSearchParams follows pushState a moment later; until then the new
  // filters are shown from here, so a checkbox reacts at once.
  const [pending, setPending] = useState<DataFilters | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL changed, so it is the truth again
  useEffect(() => setPending(null), [search]);
  // Back and Forward too, even when the address they land on is the one
  // useSearchParams still holds (it may not have caught up with the last
  // change yet): the filters of the entry left behind must not stay
  useEffect(() => {
    const drop = () => setPending(null);
    window.addEventListener("popstate", drop);
    return () => window.removeEventListener("popstate", drop);
  }, []);

  const setFilters = useCallback(
    (next: DataFilters) => {
      const qs = filtersToSearch(next);
      setPending(parseFilters(new URLSearchParams(qs)));
      // The native History API updates useSearchParams without a server round trip
      // (router.push would re-render the dynamic page on the server for every click).
      // Each change is a history entry of its own: Back undoes the last filter.
      window.history.pushState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  const filters = pending ?? urlFilters;
  return { filters, setFilters };
}
