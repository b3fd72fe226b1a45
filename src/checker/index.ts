export { createChecker, type Checker, FIREWALL_NOTE } from './check.ts';
export { parseInput, InputRefused, MAX_INPUT_BYTES } from './parse.ts';
export { detectFormat } from './detect.ts';
export {
  auditToText,
  capitalised,
  findingWhere,
  reportToMarkdown,
  reportToText,
  summaryLine,
  VERDICT_LABEL,
} from './report.ts';
export * from './types.ts';
export {
  AUDIT_HEADING,
  AUDIT_KINDS,
  AUDIT_LABEL,
  type AuditItem,
  type AuditKind,
  type AuditReport,
} from './audit.ts';
