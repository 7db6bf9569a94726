"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies the current address (with its filters) to the clipboard. */
export function CopyLinkButton() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <Button size="sm" onClick={copy}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M8.6 11.4a1 1 0 0 1 0-1.4l3-3a2 2 0 1 1 2.8 2.8l-1.5 1.5a1 1 0 1 0 1.4 1.4l1.5-1.5a4 4 0 0 0-5.6-5.6l-3 3a1 1 0 0 0 1.4 1.4Zm2.8-2.8a1 1 0 0 1 0 1.4l-3 3a2 2 0 1 1-2.8-2.8l1.5-1.5a1 1 0 0 0-1.4-1.4l-1.5 1.5a4 4 0 0 0 5.6 5.6l3-3a1 1 0 0 0-1.4-1.4Z" />
        </svg>
        Copy link
      </Button>
      <span role="status" className="text-xs text-slate-700">
        {state === "copied" ? "Link copied" : state === "failed" ? "Copy failed: copy the address bar" : ""}
      </span>
    </>
  );
}
