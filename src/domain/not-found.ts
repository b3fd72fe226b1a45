/** Explains a URL that led to the 404 page, when it looks like a port lookup. */
import { isPort, nearestPorts } from './ports.ts';

export type MissingPath =
  | { kind: 'known-port'; port: number }
  | { kind: 'in-range'; port: number; from: number; to: number }
  | { kind: 'unused-port'; port: number; nearest: number[] }
  | { kind: 'out-of-range'; text: string }
  | { kind: 'not-a-number'; text: string }
  | { kind: 'other' };

export function explainMissingPath(
  pathname: string,
  ports: readonly number[],
  ranges: readonly { from: number; to: number }[] = [],
  nearestCount = 4,
): MissingPath {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  const portPage = /^\/ports\/([^/]+)\/?$/.exec(path);
  const short = /^\/(\d+)\/?$/.exec(path);
  const text = portPage?.[1] ?? short?.[1];
  if (text === undefined) return { kind: 'other' };
  if (!/^\d+$/.test(text)) return { kind: 'not-a-number', text };
  const port = Number(text);
  if (!isPort(port)) return { kind: 'out-of-range', text };
  if (ports.includes(port)) return { kind: 'known-port', port };
  const range = ranges.find((r) => port >= r.from && port <= r.to);
  if (range) return { kind: 'in-range', port, ...range };
  return { kind: 'unused-port', port, nearest: nearestPorts(ports, port, nearestCount) };
}
