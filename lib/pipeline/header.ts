// Header handling shared by the server core and the browser preview (SPEC §2):
// delimiter detection and the role mapping by header synonyms.
import { type Mapping, ROLES, type Role } from "./types";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Synonyms in priority order; compared after normaliseHeader(). */
export const ROLE_SYNONYMS: Readonly<Record<Role, readonly string[]>> = {
  order_id: [
    "order_id",
    "order id",
    "orderid",
    "invoice",
    "invoice_no",
    "invoiceno",
    "transaction_id",
    "order_number",
  ],
  sale_date: [
    "sale_date",
    "order_date",
    "order date",
    "date",
    "invoice_date",
    "invoicedate",
    "transaction_date",
    "sold_at",
    "created_at",
  ],
  product: ["product_name", "product name", "product", "item", "item_name", "description", "sku_name"],
  category: ["category", "product_category", "department", "product_line"],
  region: ["region", "area", "territory", "market", "store", "country"],
  quantity: ["quantity", "qty", "units", "quantity_ordered"],
  unit_price: ["unit_price", "unitprice", "price", "price_each", "unit_cost"],
  discount: ["discount_percent", "discount", "disc"],
  revenue: ["revenue", "sales", "amount", "total", "line_total", "net_sales"],
  profit: ["profit", "margin", "gross_profit"],
  customer: ["customer_email", "customer_id", "customerid", "customer", "customer_name", "email"],
};

export const REQUIRED_ROLES: readonly Role[] = ["sale_date", "product", "quantity", "unit_price"];

/** lowercase, without spaces, `_`, `-`, `.` */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, "");
}

/**
 * The delimiter an Excel `sep=` line declares (`sep=;`, `sep=,`, `sep=|` or
 * `sep=` and a TAB; any case, quoted or not), or null when the line is not
 * one. Excel writes such a line above the header when asked to, and reads the
 * file with that delimiter: so do the core and the upload preview.
 */
export function declaredDelimiter(line: string): string | null {
  const m = /^[ ]*"?sep=(.)"?[ ]*$/i.exec(line);
  const d = m?.[1];
  return d !== undefined && (DELIMITERS as readonly string[]).includes(d) ? d : null;
}

/**
 * The delimiter of a header line: the candidate that occurs most often outside
 * quotes; ties go to the earlier candidate (`,` first). A header with none of
 * them is a one-column file, read with `,`.
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (DELIMITERS as readonly string[]).includes(ch)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
  }
  let best = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export interface MappingResult {
  /** role → header name as written */
  mapping: Mapping;
  /** role → column index */
  columns: Partial<Record<Role, number>>;
  /** required roles left unmapped (unit_price only when revenue is unmapped) */
  missing: Role[];
  /**
   * override entries naming a header that is not in the file, or (takenBy)
   * one that an earlier role of the override already uses
   */
  unknown: UnknownColumn[];
}

export interface UnknownColumn {
  role: Role;
  header: string;
  takenBy?: Role;
}

/**
 * Maps roles to columns. Explicit overrides win (matched exactly, then by
 * normalised name); the remaining roles take the first header matching their
 * earliest synonym. A header serves one role only. An override of "" unmaps a role.
 */
export function mapColumns(headers: readonly string[], override: Mapping = {}): MappingResult {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const columns: Partial<Record<Role, number>> = {};
  const unknown: UnknownColumn[] = [];
  const explicit = new Set<Role>();

  for (const role of ROLES) {
    const wanted = override[role];
    if (wanted === undefined) continue;
    explicit.add(role);
    if (wanted === "") continue;
    let idx = headers.indexOf(wanted);
    if (idx < 0) idx = normalised.indexOf(normaliseHeader(wanted));
    if (idx < 0) {
      unknown.push({ role, header: wanted });
      continue;
    }
    if (used.has(idx)) {
      const takenBy = ROLES.find((r) => columns[r] === idx) as Role;
      unknown.push({ role, header: wanted, takenBy });
      continue;
    }
    columns[role] = idx;
    used.add(idx);
  }

  // Earlier synonyms win across the whole header before later ones are tried,
  // role by role in the table's order.
  for (const role of ROLES) {
    if (explicit.has(role)) continue;
    for (const syn of ROLE_SYNONYMS[role]) {
      const key = normaliseHeader(syn);
      const idx = normalised.findIndex((h, i) => h === key && !used.has(i));
      if (idx >= 0) {
        columns[role] = idx;
        used.add(idx);
        break;
      }
    }
  }

  const mapping: Mapping = {};
  for (const role of ROLES) {
    const idx = columns[role];
    if (idx !== undefined) mapping[role] = headers[idx] as string;
  }
  const missing: Role[] = [];
  for (const role of REQUIRED_ROLES) {
    if (role === "unit_price" && columns.revenue !== undefined) continue;
    if (columns[role] === undefined) missing.push(role);
  }
  return { mapping, columns, missing, unknown };
}

/**
 * The first of `lines` (the lines after a header that left required roles
 * unmapped) that would map all of them: its index and fields, or null. A title
 * or an Excel `sep=;` line above the real header is the usual cause. Fields
 * are split at the line's own delimiter with quotes stripped, which is enough
 * for a header.
 */
export function laterHeader(lines: readonly string[]): { index: number; headers: string[] } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const delimiter = detectDelimiter(line);
    const headers = line.split(delimiter).map((h) =>
      h
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    );
    if (headers.length > 1 && mapColumns(headers).missing.length === 0) return { index: i, headers };
  }
  return null;
}

/**
 * What to do about a header found further down (laterHeader) at 1-based
 * `line`: "Line 3 looks like the header (Date, Product): remove the 2 lines
 * above it". The job's error and the upload preview each say how to go on.
 */
export function laterHeaderAdvice(line: number, headers: readonly string[]): string {
  const above = line - 1;
  return `Line ${line} looks like the header (${headers.join(", ")}): remove the ${above === 1 ? "line" : `${above} lines`} above it`;
}
