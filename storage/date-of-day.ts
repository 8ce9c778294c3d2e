/**
 * Day numbers back to ISO date text, remembered: decoding a log's records reads the same few
 * thousand dates over and over (segment columns, participant records), and building the
 * text is most of the cost of reading a date. Bounded, so odd input cannot grow it without end.
 */
import { fromDayNumber } from '../rules/calendar.js';

const texts = new Map<number, string>();

export function dateOfDay(day: number): string {
  let d = texts.get(day);
  if (d === undefined) {
    d = fromDayNumber(day);
    if (texts.size < 1 << 16) texts.set(day, d);
  }
  return d;
}
