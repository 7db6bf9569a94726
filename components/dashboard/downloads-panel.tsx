import { DownloadLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DOWNLOAD_FILES } from "@/lib/api/types";
import { downloadUrl } from "@/lib/hooks/api-client";

const DESCRIPTIONS: Record<(typeof DOWNLOAD_FILES)[number], string> = {
  "summary.json": "Headline figures",
  "monthly_sales.csv": "Revenue by month",
  "products.csv": "Every product",
  "regions.csv": "Every region",
  "categories.csv": "Every category",
  "anomalies.csv": "Flagged rows",
  "rejected_rows.csv": "Rows not used, with reasons",
  "cleaning_report.csv": "Merged spellings",
  "all.zip": "Everything above",
};

/** Every result file of the job (whole file, not the filtered view). */
export function DownloadsPanel({ jobId }: { jobId: string }) {
  return (
    <Card
      id="downloads"
      title="Downloads"
      description="Results for the whole file, as CSV, or all of them as a zip."
    >
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {DOWNLOAD_FILES.map((f) => (
          <li
            key={f}
            className="flex min-w-0 items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2"
          >
            <span className="min-w-0 text-sm text-slate-700">{DESCRIPTIONS[f]}</span>
            <DownloadLink href={downloadUrl(jobId, f)} className={f === "all.zip" ? "font-semibold" : ""}>
              {f}
            </DownloadLink>
          </li>
        ))}
      </ul>
    </Card>
  );
}
