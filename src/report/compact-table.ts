/** The terminal table every report uses: compact, bold headings, optional column alignment. */
import Table from "cli-table3";

export function compactTable(
  bold: (text: string) => string,
  head: string[],
  align?: ("left" | "right")[],
): Table.Table {
  return new Table({
    head: head.map(bold),
    style: { head: [], border: [], compact: true },
    ...(align && { colAligns: align }),
  });
}
