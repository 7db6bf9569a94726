import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto grid max-w-lg gap-3 py-12 text-center">
      <p className="text-sm font-semibold text-blue-800">404</p>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-700">There is nothing at this address.</p>
      <div className="flex justify-center gap-3">
        <ButtonLink href="/" variant="primary">
          Upload a file
        </ButtonLink>
        <ButtonLink href="/jobs">All jobs</ButtonLink>
      </div>
    </div>
  );
}
