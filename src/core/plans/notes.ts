/**
 * A plan's notes may name an output of a step as `<step id.output>` (the new instance's id in a
 * connection command): once a run has those outputs, the notes read with them filled in. Pure.
 */
export function fillNotes(
  notes: readonly string[],
  outputs: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): string[] {
  return notes.map((note) =>
    note.replace(/<([a-z0-9][a-z0-9-]*)\.([A-Za-z0-9]+)>/g, (whole, step: string, name: string) => {
      const value = outputs[step]?.[name];
      return typeof value === "string" || typeof value === "number" ? String(value) : whole;
    }),
  );
}
