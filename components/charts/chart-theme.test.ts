import { describe, expect, it } from "vitest";
import { axisLabels, sharedPrefix, truncateLabel } from "./chart-theme";

describe("axis labels", () => {
  it("cut long names with an ellipsis", () => {
    expect(truncateLabel("Wireless Headphones", 8)).toBe("Wireles…");
    expect(truncateLabel("Lamp", 8)).toBe("Lamp");
  });

  it("find the first word every name shares, never cutting inside a word", () => {
    expect(sharedPrefix(["Category 1", "Category 12", "Category 40"])).toBe("Category ");
    expect(sharedPrefix(["SKU-00012", "SKU-04511"])).toBe("SKU-");
    expect(sharedPrefix(["Category", "Categorical"])).toBe("");
    expect(sharedPrefix(["North", "South"])).toBe("");
    expect(sharedPrefix(["Home", "Home Office"])).toBe("");
    expect(sharedPrefix(["One"])).toBe("");
  });

  it("drop that word only from labels that would be cut, so bars stay told apart", () => {
    const cat = axisLabels(["Category 1", "Category 12", "Category 40"], 6);
    expect(["Category 1", "Category 12", "Category 40"].map(cat)).toEqual(["…1", "…12", "…40"]);
    const short = axisLabels(["Category 1", "Category 12"], 16);
    expect(short("Category 12")).toBe("Category 12");
    const mixed = axisLabels(["Furniture", "Office Supplies", "Technology"], 6);
    expect(mixed("Office Supplies")).toBe("Offic…");
  });
});
