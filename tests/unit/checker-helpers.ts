import { readFileSync } from 'node:fs';
import { model } from '../../src/domain/data.ts';
import type { NodeInput } from '../../src/domain/node.ts';
import {
  createChecker,
  type Finding,
  type FormatChoice,
  type Report,
} from '../../src/checker/index.ts';

/** A node description, plus the input format, as the tests write them. */
export type CheckInput = NodeInput & { format?: FormatChoice };

export const checker = createChecker(model);

/** A fixture's text, without the provenance header of the ones written for this project. */
export function fixture(path: string): string {
  const text = readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
  return text.replace(/^(# Written for this project[^\n]*\n(#[^\n]*\n)*)/, '');
}

export const check = (text: string, input: CheckInput = {}): Promise<Report> => {
  const { format, ...node } = input;
  return checker.check(text, model.node(node), format);
};

export const byLine = (r: Report, line: number): Finding[] =>
  r.findings.filter((f) => f.line === line);

export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in fixture`);
  return i + 1;
}

/** Endpoints of a service as the checker sees them, from the data. */
export const portsOf = (service: string, input: NodeInput = {}) =>
  checker
    .targets(model.node(input))
    .filter((t) => t.endpoint.service === service)
    .map((t) => t.port);
