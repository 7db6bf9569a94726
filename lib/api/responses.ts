// Small response helpers shared by the route handlers.
export const json = <T>(data: T, status = 200): Response => Response.json(data, { status });

export const accepted = <T>(data: T): Response => Response.json(data, { status: 202 });

export const noContent = (): Response => new Response(null, { status: 204 });

/** A download: the file name is one of our constants, quoted for Content-Disposition. */
export function attachment(
  body: ReadableStream<Uint8Array>,
  fileName: string,
  contentType: string,
  size?: number,
) {
  const headers = new Headers({
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (size !== undefined) headers.set("Content-Length", String(size));
  return new Response(body, { status: 200, headers });
}
