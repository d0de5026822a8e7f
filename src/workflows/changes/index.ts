export { runChanges, CHANGES_SOURCE, type ChangesDeps, type ChangesOptions } from "./run-changes.js";
