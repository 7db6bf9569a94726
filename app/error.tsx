"use client";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.warn(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto grid max-w-lg gap-3 py-12 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-slate-700">
        The page could not be shown. Try again; if it keeps failing, check that the server is running.
      </p>
      {error.digest && <p className="text-xs text-slate-600">Reference: {error.digest}</p>}
      <div className="flex justify-center gap-3">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <ButtonLink href="/jobs">All jobs</ButtonLink>
      </div>
    </div>
  );
}
