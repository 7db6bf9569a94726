// A small messy sale file as records (no header, no line breaks between them).

/**
 * ~40 records: multi-byte names (2-, 3- and 4-byte UTF-8), a quoted CRLF, a typo
 * that merges, an alias, slash dates that make the file day-first, a revenue
 * outlier, an unusual discount, rejected rows of several reasons.
 */
export function records(): string[] {
  const r: string[] = [];
  const regions = ["Nörth", "South", "nort", "Éast"];
  for (let i = 0; i < 22; i++) {
    const price = i === 7 ? "9000" : (12.5 + (i % 5)).toFixed(2);
    const date = i % 4 === 0 ? `${13 + (i % 10)}/0${1 + (i % 9)}/2024` : `2024-0${1 + (i % 9)}-1${i % 10}`;
    const disc = i === 11 ? "0.6" : i % 3 === 0 ? "10%" : "0.05";
    r.push(`C${i},${date},Café Crème,Küche,${regions[i % 4]},${1 + (i % 3)},${price},${disc}`);
  }
  r.push("C90,2024-02-03,Cafe Creme,Küche,South,1,12.50,0");
  r.push("C91,2024-02-04,cafe creme,Home Appliances,South,2,13.50,0");
  for (let i = 0; i < 5; i++) r.push(`E${i},0${1 + i}-Mar-2024,😀 Emoji Pack,Fun,Wes,${i + 1},€ ${4 + i},`);
  r.push('L1,2024-04-01,"Desk\r\nLamp",Office,"East, upper",1,"$1,234.56",0');
  r.push("L2,2024-04-02,Desk Lamp,Office,East,qty: 2,20,0");
  r.push("X1,,Café Crème,Küche,South,1,1,0"); // missing_date
  r.push("X2,2024-05-05,Café Crème,Küche,South,many,1,0"); // invalid_quantity
  r.push("X3,2024-05-05,Café Crème,Küche,South,1,1,150%"); // invalid_discount
  r.push("X4,2024-05-05,Café Crème"); // field_count
  r.push('X5,2024-05-05,"Ünïcode ""quoted""",Küche,South,-1,1,0'); // non_positive_quantity
  r.push("15/06/2024,broken row with the wrong shape");
  return r;
}
