import { RecentJobs } from "@/components/jobs/recent-jobs";
import { Card } from "@/components/ui/card";
import { SampleDataForm } from "@/components/upload/sample-data-form";
import { UploadPanel } from "@/components/upload/upload-panel";

export default function HomePage() {
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Analyse a sales file</h1>
        <p className="mt-1 max-w-2xl text-slate-700">
          Drop a large, messy sales CSV. It is streamed to the server, every row is cleaned and aggregated in
          one pass, and nothing is dropped silently: rejected rows and repairs are reported and downloadable.
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title="Upload a CSV" id="upload">
          <UploadPanel />
        </Card>
        <div className="grid content-start gap-6">
          <Card title="Try sample data" id="sample">
            <SampleDataForm />
          </Card>
          <Card title="Recent jobs" id="recent">
            <RecentJobs />
          </Card>
        </div>
      </div>
    </div>
  );
}
