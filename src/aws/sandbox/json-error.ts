/**
 * Where a JSON text first goes wrong, for messages like "at line 3, column 14" (Node's
 * JSON.parse does not always say). A small validating scanner; it only runs after
 * JSON.parse has already refused the text.
 */
export function firstJsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const space = (): void => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const expect = (c: string): void => {
    if (text.charAt(i) !== c) fail();
    i++;
  };
  const literal = (word: string): void => {
    for (const c of word) expect(c);
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c < " ") fail();
      if (c === "\\") {
        i++;
        const e = text.charAt(i);
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== "") i++;
        else fail();
      } else i++;
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null) fail();
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === "{") {
      i++;
      space();
      if (text.charAt(i) === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        expect(":");
        value();
        space();
        if (text.charAt(i) === ",") i++;
        else return expect("}");
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text.charAt(i) === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text.charAt(i) === ",") i++;
        else return expect("]");
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (error) {
    if (error instanceof RangeError && /^\d+$/.test(error.message)) return Number(error.message);
    throw error;
  }
}
