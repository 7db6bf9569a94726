import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";

/** A chart in a card with its loading, error and empty states; `summary` is read to screen readers. */
export function ChartCard({
  id,
  title,
  description,
  actions,
  query,
  isEmpty,
  summary,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  isEmpty: boolean;
  summary?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card id={id} title={title} description={description} actions={actions} className={className}>
      {query.isPending ? (
        <LoadingBlock label={`Loading ${title.toLowerCase()}`} />
      ) : query.isError ? (
        <ErrorState
          title={`${title} could not be loaded`}
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : isEmpty ? (
        <EmptyState title="No data for these filters">Widen the date range or clear a filter.</EmptyState>
      ) : (
        <figure className="min-w-0">
          {children}
          {summary && <figcaption className="sr-only">{summary}</figcaption>}
        </figure>
      )}
    </Card>
  );
}
