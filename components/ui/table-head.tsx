/** One column of a data table's header; numeric columns align right. */
export interface Column {
  label: string;
  numeric?: boolean;
}

/** The header row of the dashboard's data tables. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="border-b border-slate-200 text-slate-700">
      <tr>
        {columns.map((c, i) => (
          <th
            key={c.label}
            scope="col"
            className={`py-2 ${i < columns.length - 1 ? "pr-3 " : ""}${c.numeric ? "text-right " : ""}font-medium`}
          >
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
