export { createChecker, type Checker, FIREWALL_NOTE } from './check.ts';
export { parseInput, InputRefused, MAX_INPUT_BYTES } from './parse.ts';
export { detectFormat } from './detect.ts';
export {
  reportToMarkdown,
  reportToText,
  summaryLine,
  VERDICT_LABEL,
  findingWhere,
} from './report.ts';
export * from './types.ts';
export {
  auditNode,
  auditParsed,
  auditToText,
  AUDIT_LABEL,
  type AuditReport,
  type AuditItem,
  type AuditKind,
} from './audit.ts';
