export { renderChanges, CHANGES_FORMATS, type ChangesFormat } from "./render.js";
export { renderChangesCsv, CHANGES_CSV_COLUMNS } from "./csv.js";
export { renderChangesJson } from "./json.js";
export { renderChangesMarkdown } from "./markdown.js";
export { renderChangesTable } from "./table.js";
