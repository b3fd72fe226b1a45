/** A refusal of one node option, naming the option (and, for forms, its label). */
import type { NodeField } from './node.ts';

export class NodeError extends Error {
  readonly field: NodeField;
  /** What is wrong, without the option's name. */
  readonly reason: string;
  /** The value given, when the reason is about it. */
  readonly value: string | undefined;
  /** A value that is not of the field's form (the CLI then prints its usage). */
  readonly malformed: boolean;
  constructor(field: NodeField, reason: string, value?: string, malformed = false) {
    super(
      value === undefined ? `--${field.name} ${reason}` : `--${field.name} ${value}: ${reason}`,
    );
    this.name = 'NodeError';
    this.field = field;
    this.reason = reason;
    this.value = value;
    this.malformed = malformed;
  }

  /** The same message for a form, naming the control by its label. */
  get forForm(): string {
    const what = this.value === undefined ? '' : ` ${this.value}:`;
    return `${this.field.label}${what} ${this.reason}`;
  }
}

export function oneOf<T extends string>(field: NodeField, allowed: readonly T[], text: string): T {
  if (!allowed.includes(text as T))
    throw new NodeError(field, `must be ${allowed.join(', ')}; not "${text}"`, undefined, true);
  return text as T;
}
