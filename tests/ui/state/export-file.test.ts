import { describe, expect, it } from "vitest";
import { exportFileName, exportText, parseExportText } from "../../../sandbox/ui/state/export-file.ts";
import { newSession, SavedStateError } from "../../../sandbox/ui/state/session-record.ts";

describe("export files", () => {
  it("are named after the page and the minute", () => {
    const when = new Date("2026-11-21T14:03:27Z");
    expect(exportFileName("lessons/statefulsets", when)).toBe(
      "stateful-lab-lessons-statefulsets-2026-11-21-1403.json",
    );
    expect(exportFileName("playground", when)).toBe("stateful-lab-playground-2026-11-21-1403.json");
    expect(exportFileName("///", when)).toBe("stateful-lab-sandbox-2026-11-21-1403.json");
  });

  it("round-trip a whole session, scrollback included", () => {
    const session = newSession(
      { cluster: { objects: [] } },
      { history: ["ls"], scrollback: "\x1b[1mhi\x1b[0m\r\n" },
      9,
    );
    expect(parseExportText(exportText(session))).toEqual(session);
  });

  it("refuse what is not one, with the reason", () => {
    expect(() => parseExportText("{")).toThrow(
      new SavedStateError("the file is not valid JSON (it may be incomplete)"),
    );
    expect(() => parseExportText('{"kind":"Pod"}')).toThrow(SavedStateError);
    expect(() => parseExportText('{"kind":"Pod"}')).toThrow("it is not a saved Stateful Lab sandbox");
  });
});
