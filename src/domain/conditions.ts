/** Cluster options as conditions: whether a node has them, and how to say them. */
import type { Release } from './schema.ts';
import type { Condition as DataCondition } from './schema-entries.ts';
import { CONDITION_FIELDS, type Condition } from './node.ts';

/** "only when the datastore is k8s-dqlite and kube-proxy replacement is off". */
export function conditionText(condition: DataCondition | undefined): string {
  if (!condition) return '';
  const parts = CONDITION_FIELDS.filter((f) => condition[f.condition.key] !== undefined).map((f) =>
    f.condition.text(condition[f.condition.key]!),
  );
  return `only when ${parts.join(' and ')}`;
}

/** Whether options meet a condition; an option the condition does not name always does. */
export function satisfies(condition: DataCondition | undefined, options: Condition): boolean {
  return CONDITION_FIELDS.every(({ condition: { key } }) => {
    const wanted = condition?.[key];
    return wanted === undefined || wanted === options[key];
  });
}

/** Every combination of the options a cluster of this release can have. */
export function optionSpace(release: Release): Condition[] {
  return CONDITION_FIELDS.reduce<Condition[]>(
    (space, field) =>
      space.flatMap((partial) =>
        field.condition.offered(release).map((value) => ({
          ...partial,
          [field.condition.key]: value,
        })),
      ),
    [{}],
  );
}
