/**
 * From a set of local wall times to the instants they fall on. A schedule (calendar or
 * cron) names walls ("every day at 00:00"); each wall maps to zero, one or two instants
 * (see zone.ts), and instants do not come in the order of their walls near a fall-back
 * overlap (01:50 before the change comes before 01:10 after it). So both searches start a
 * few hours of wall time early and stop a few hours past the best candidate: a DST change
 * never moves a local clock by more than SLACK.
 *
 * Dense schedules (every minute) would visit hundreds of walls in that window, so both
 * searches first try the common case: the offset is the same at the instant and at the
 * first candidate, less than a day apart, hence (no zone changes twice a day) constant in
 * between, where walls and instants are in the same order and the first wall is the answer.
 */
import { offsetAt } from "./zone.js";

/** More than any DST shift (at most 2 h, with historical double summer time). */
const SLACK_MS = 4 * 3_600_000;
const DAY_MS = 86_400_000;

/** Walls a schedule names, and the instants each falls on. */
export interface WallSchedule {
  timeZone: string | undefined;
  /** The smallest wall the schedule names at or after `wall`, or null past its horizon or `bound`. */
  nextWall(wall: number, bound?: number): number | null;
  /** The largest wall the schedule names at or before `wall`, or null past its horizon or `bound`. */
  previousWall(wall: number, bound?: number): number | null;
  /** The instants at which `wall` counts as a boundary, earliest first. */
  instantsOf(wall: number): number[];
}

/** The first instant of the schedule strictly after `afterMs`, or null if none is found. */
export function firstInstantAfter(schedule: WallSchedule, afterMs: number): number | null {
  const zone = schedule.timeZone;
  const offset = offsetAt(afterMs, zone);
  const first = schedule.nextWall(afterMs + offset + 1);
  if (first !== null) {
    const near = schedule.instantsOf(first).filter((t) => t > afterMs && t - afterMs < DAY_MS && offsetAt(t, zone) === offset);
    if (near.length > 0) return near[0]!;
  }
  let best = Infinity;
  let wall = schedule.nextWall(afterMs + offsetAt(afterMs, zone) - SLACK_MS);
  while (wall !== null && (best === Infinity || wall <= best + offsetAt(best, zone) + SLACK_MS)) {
    for (const instant of schedule.instantsOf(wall)) {
      if (instant > afterMs && instant < best) best = instant;
    }
    wall = schedule.nextWall(wall + 1, best === Infinity ? undefined : best + offsetAt(best, zone) + SLACK_MS);
  }
  return best === Infinity ? null : best;
}

/** The last instant of the schedule at or before `atMs`, or null if none is found. */
export function lastInstantAtOrBefore(schedule: WallSchedule, atMs: number): number | null {
  const zone = schedule.timeZone;
  const offset = offsetAt(atMs, zone);
  const first = schedule.previousWall(atMs + offset);
  if (first !== null) {
    const near = schedule.instantsOf(first).filter((t) => t <= atMs && atMs - t < DAY_MS && offsetAt(t, zone) === offset);
    if (near.length > 0) return near.at(-1)!;
  }
  let best = -Infinity;
  let wall = schedule.previousWall(atMs + offsetAt(atMs, zone) + SLACK_MS);
  while (wall !== null && (best === -Infinity || wall >= best + offsetAt(best, zone) - SLACK_MS)) {
    for (const instant of schedule.instantsOf(wall)) {
      if (instant <= atMs && instant > best) best = instant;
    }
    wall = schedule.previousWall(wall - 1, best === -Infinity ? undefined : best + offsetAt(best, zone) - SLACK_MS);
  }
  return best === -Infinity ? null : best;
}
