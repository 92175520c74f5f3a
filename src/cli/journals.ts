/**
 * The journals `--state` names (a cutover state folder, or its journal.jsonl), read as of
 * a date: what `govcloud progress` and `govcloud plan --state` start from. A damaged
 * journal (a changed, removed or inserted line, a record without its fields) stops the
 * command with file, line and field; a torn last line is only a warning (it recorded
 * nothing that counted).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readJournal, type ReadJournal } from "../cutover/journal-file";
import { isPostgresState, stateFailure, stateOf } from "./cutover-session";
import { SYSTEM_STATES } from "../migration/cutover/itinerary";
import { InputError, type Diagnostic } from "../migration/inventory/diagnostics";
import { inPlanningYears, MAX_YEAR, MIN_YEAR } from "../migration/inventory/dates";
import { actualsOf, mergeActuals, type Actual } from "../migration/progress/actuals";
import { UsageError, type Io } from "./io";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** --as-of: a real calendar date (no clock is ever read instead). */
export function asOfDate(value: string | undefined, command: string): string {
  if (value === undefined)
    throw new UsageError(
      "--as-of YYYY-MM-DD is required: the report is as of a date you give (no clock is read)",
      command,
    );
  if (
    !ISO_DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new UsageError(`--as-of takes a date written YYYY-MM-DD, not "${value}"`, command);
  }
  if (!inPlanningYears(value))
    throw new UsageError(`--as-of "${value}" is outside the years ${MIN_YEAR}–${MAX_YEAR}`, command);
  return value;
}

export interface ReadActuals {
  readonly actuals: Map<string, Actual>;
  /** The journals as shown. */
  readonly journals: string[];
}

export async function readActuals(states: readonly string[], asOf: string, io: Io): Promise<ReadActuals> {
  const diagnostics: Diagnostic[] = [];
  const maps: Map<string, Actual>[] = [];
  const journals: string[] = [];
  for (const given of states) {
    let read: ReadJournal;
    let shown: string;
    if (isPostgresState(given)) {
      // A team's state in PostgreSQL: the same records, read the same way.
      const state = stateOf(given, undefined, io.cwd);
      shown = state.journalShown;
      try {
        read = await state.readJournal();
      } catch (cause) {
        throw stateFailure(state, cause) ?? cause;
      } finally {
        await state.close();
      }
    } else {
      const file = journalPath(given, io.cwd);
      shown = path.relative(io.cwd, file).split(path.sep).join("/") || file;
      if (!fs.existsSync(file)) {
        diagnostics.push({
          severity: "error",
          location: { kind: "file", file: shown },
          field: "--state",
          message: "no cutover journal here",
          fix:
            "name a cutover state folder (the --state of govcloud cutover run), its journal.jsonl, or a " +
            "postgres:// state",
        });
        continue;
      }
      read = readJournal(file);
    }
    const before = diagnostics.length;
    for (const p of read.problems) {
      const location = { kind: "text" as const, file: shown, line: p.line, column: 1 };
      if (p.kind === "torn") io.err(`${shown}:${p.line}:1: warning: ${p.message} (not counted)`);
      else
        diagnostics.push({
          severity: "error",
          location,
          field: "",
          message: p.message,
          fix: "restore the journal from its copy; never edit it (govcloud cutover journal verify)",
        });
    }
    read.records.forEach((r, i) => {
      const line = i + 1;
      const bad = (field: string, message: string, fix: string) =>
        diagnostics.push({
          severity: "error",
          location: { kind: "text", file: shown, line, column: 1 },
          field,
          message,
          fix,
        });
      if (typeof r.at !== "string" || Number.isNaN(Date.parse(r.at)))
        bad("at", `record ${r.seq} has no valid time (${JSON.stringify(r.at)})`, "restore the journal from its copy");
      if (r.type === "system" && !(SYSTEM_STATES as readonly string[]).includes(r.state))
        bad(
          "state",
          `record ${r.seq}: "${String(r.state)}" is not a system state (${SYSTEM_STATES.join(", ")})`,
          "restore the journal from its copy",
        );
      if ("system" in r && r.system !== undefined && typeof r.system !== "string")
        bad("system", `record ${r.seq}: the system is not an id`, "restore the journal from its copy");
    });
    journals.push(shown);
    // A journal with a bad record is reported, never folded (the fold trusts its states).
    if (diagnostics.length === before) maps.push(actualsOf(read.records, asOf, shown));
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return { actuals: mergeActuals(maps), journals };
}

/** A state folder's journal, or the journal file named. */
function journalPath(given: string, cwd: string): string {
  const absolute = path.resolve(cwd, given);
  return fs.existsSync(absolute) && fs.statSync(absolute).isDirectory()
    ? path.join(absolute, "journal.jsonl")
    : absolute;
}
