import type { Role } from "@/lib/pipeline/types";

export const ROLE_LABELS: Record<Role, string> = {
  order_id: "Order ID",
  sale_date: "Sale date",
  product: "Product",
  category: "Category",
  region: "Region",
  quantity: "Quantity",
  unit_price: "Unit price",
  discount: "Discount",
  revenue: "Revenue",
  profit: "Profit",
  customer: "Customer",
};

export const ROLE_HINTS: Partial<Record<Role, string>> = {
  unit_price: "required unless Revenue is mapped",
  revenue: "line revenue; else quantity × price × (1 − discount)",
};

export function describeRoles(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join(", ");
}
