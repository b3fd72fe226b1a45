// The messages between the /check/ page and its worker.
import type { NodeInput } from '../domain/node';
import type { AuditReport } from '../checker/audit';
import type { Finding, FormatChoice, Report } from '../checker/types';
import type { Tool } from '../firewall/plan';
import type { ReachReport } from '../firewall/reach-read';

export interface CheckRequest {
  id: number;
  text: string;
  node: NodeInput;
  format: FormatChoice;
  audit: boolean;
  /** The firewall whose rules a reachability report suggests. */
  tool: Tool;
}

export interface ExportRequest {
  id: number;
  export: 'json' | 'markdown';
  origin: string;
}

/** The report as the worker sends it: every count, but only the rows the page shows. */
export type PageReport = Report & {
  problems: Finding[];
  totals: { findings: number; problems: number; unrecognized: number; ignored: number };
};

export interface WorkerReply {
  id: number;
  report?: PageReport;
  audit?: AuditReport;
  reach?: ReachReport;
  error?: string;
  ms?: number;
  exported?: string;
}
