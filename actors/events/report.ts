/**
 * Turns io-ts errors into one line per problem that a person can act on: the field's path
 * dotted from the event root, then what was wrong (`payload.amount: "12.345" has 3 decimals;
 * money allows at most 2`). Our codecs attach the message; for a stock io-ts codec the line
 * falls back to "expected <type>".
 */
import type * as t from 'io-ts';
import { show } from './fast.js';

/** The dotted path of an error from the root (the root's own entry has key ""). */
export function pathOf(e: t.ValidationError): string {
  let path = '';
  for (const entry of e.context) {
    if (entry.key === '') continue;
    path = path === '' ? entry.key : `${path}.${entry.key}`;
  }
  return path;
}

function messageOf(e: t.ValidationError): string {
  if (e.message !== undefined) return e.message;
  if (e.value === undefined) return 'required';
  const last = e.context[e.context.length - 1];
  return `expected ${last?.type.name ?? 'a valid value'}, got ${show(e.value)}`;
}

/** One line per problem, in the order found, duplicates removed; `line N: ` first when given. */
export function formatErrors(errors: t.Errors, lineNo?: number): string[] {
  const prefix = lineNo === undefined ? '' : `line ${lineNo}: `;
  const lines = new Set<string>();
  for (const e of errors) {
    const path = pathOf(e);
    lines.add(`${prefix}${path === '' ? '' : `${path}: `}${messageOf(e)}`);
  }
  return [...lines];
}
