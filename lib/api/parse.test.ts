import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError } from "./errors";
import { parseDataQuery, parseDataset, parseDownloadFile, parseJobId, parseListQuery } from "./parse";

const url = (qs: string) => new URL(`http://x/api?${qs}`);

describe("request parsing", () => {
  it("404s malformed ids, datasets and files", () => {
    for (const bad of ["", "abc", "../../etc/passwd", "AAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAA.."]) {
      expect(() => parseJobId(bad), bad).toThrow(AppError);
    }
    expect(parseJobId("AAAAAAAAAAAAAAAAAAAA-_")).toBe("AAAAAAAAAAAAAAAAAAAA-_");
    expect(() => parseDataset("users")).toThrow(AppError);
    expect(parseDataset("monthly")).toBe("monthly");
    expect(() => parseDownloadFile("../app.db")).toThrow(AppError);
    expect(parseDownloadFile("all.zip")).toBe("all.zip");
  });

  it("reads repeatable filters, months and paging", () => {
    const q = parseDataQuery(url("region=North&region=South&from=2024-01&to=&product=A&limit=5&offset=10"));
    expect(q).toEqual({
      filters: { region: ["North", "South"], from: "2024-01", product: ["A"] },
      offset: 10,
      limit: 5,
    });
    expect(parseDataQuery(url(""))).toEqual({ filters: {}, offset: 0, limit: 1000 });
    // an empty value is no filter, as an empty month is
    expect(parseDataQuery(url("region=&category=&product=A&product=")).filters).toEqual({ product: ["A"] });
    expect(() => parseDataQuery(url("from=2024-13"))).toThrow(ZodError);
    expect(() => parseDataQuery(url("limit=0"))).toThrow(ZodError);
  });

  it("bounds the job list query", () => {
    expect(parseListQuery(url("status=running&q=sales&limit=100"))).toEqual({
      status: ["running"],
      q: "sales",
      limit: 100,
    });
    expect(parseListQuery(url("status=&q="))).toEqual({ limit: 20 });
    // repeated: any of them, once each
    expect(parseListQuery(url("status=completed&status=failed&status=completed"))).toEqual({
      status: ["completed", "failed"],
      limit: 20,
    });
    expect(() => parseListQuery(url("status=completed&status=done"))).toThrow(ZodError);
    expect(() => parseListQuery(url("limit=101"))).toThrow(ZodError);
    expect(() => parseListQuery(url("cursor=nope"))).toThrow(ZodError);
  });
});
