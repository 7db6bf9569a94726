import type { RejectReason, RepairCode } from "@/lib/pipeline/types";

export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  field_count: "Wrong number of fields",
  missing_date: "Date missing",
  invalid_date: "Date not recognised",
  missing_product: "Product missing",
  missing_quantity: "Quantity missing",
  invalid_quantity: "Quantity not a number",
  non_positive_quantity: "Quantity zero or negative",
  missing_price: "Price missing",
  invalid_price: "Price not a number",
  negative_price: "Negative price",
  invalid_discount: "Discount not a number or outside 0–100%",
  missing_revenue: "Revenue missing",
  invalid_revenue: "Revenue unreadable or negative",
};

export const REPAIR_TEXT: Record<RepairCode, string> = {
  quantity_text: "Quantity with text around it (“5 units”)",
  price_currency: "Currency symbol or code stripped (“$12.50”)",
  price_format: "Thousands separator or decimal comma (“1,234.56”)",
  discount_percent_sign: "Percent discount read as a fraction (“15%”)",
  missing_discount: "Empty discount read as 0",
  missing_region: "Empty region set to Unknown",
  missing_category: "Empty category set to Uncategorized",
};
