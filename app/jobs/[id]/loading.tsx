import { LoadingBlock } from "@/components/ui/states";

export default function Loading() {
  return <LoadingBlock label="Loading the job" height="h-64" />;
}
