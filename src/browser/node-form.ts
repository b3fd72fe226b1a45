// The node options in a page's form (/check/, /firewall/): read, written and kept consistent
// with the release, all through the node field table (domain/node.ts).
import {
  CONDITION_FIELDS,
  fieldsFor,
  NodeError,
  resolveNode,
  type NodeInput,
  type NodeProgram,
  type ReleaseFacts,
} from '../domain/node';

type Control = HTMLInputElement | HTMLSelectElement;

const control = (form: HTMLFormElement, name: string) =>
  form.elements.namedItem(name) as Control | null;

/** The releases the page was built with (NodeFields.astro writes them into the page). */
export function pageReleases(): ReleaseFacts[] {
  return JSON.parse(
    document.getElementById('node-releases')?.textContent ?? '[]',
  ) as ReleaseFacts[];
}

/** What the form says, and every value that could not be read. Disabled controls say nothing. */
export function readNodeForm(
  form: HTMLFormElement,
  program: NodeProgram,
): { input: NodeInput; errors: NodeError[] } {
  const input: NodeInput = {};
  const errors: NodeError[] = [];
  for (const field of fieldsFor(program)) {
    const c = control(form, field.param);
    const raw = c && !c.disabled ? c.value.trim() : '';
    for (const text of field.list ? raw.split(/[\s,]+/).filter(Boolean) : raw ? [raw] : []) {
      try {
        field.read(input, text);
      } catch (error) {
        if (error instanceof NodeError) errors.push(error);
        else throw error;
      }
    }
  }
  return { input, errors };
}

/** Sets the controls from a node description; what a control does not offer is left alone. */
export function writeNodeForm(form: HTMLFormElement, input: NodeInput, program: NodeProgram) {
  for (const field of fieldsFor(program)) {
    const c = control(form, field.param);
    const value = field.write(input).join(', ');
    if (!c || c.disabled || !value) continue;
    if (
      c instanceof HTMLSelectElement &&
      ![...c.options].some((o) => o.value === value && !o.disabled)
    )
      continue;
    c.value = value;
  }
}

/** Puts URL parameters into the controls as they are, so that a bad value is shown and reported. */
export function paramsToForm(form: HTMLFormElement, params: URLSearchParams, program: NodeProgram) {
  for (const field of fieldsFor(program)) {
    const c = control(form, field.param);
    const value = params.get(field.param);
    if (!c || value === null) continue;
    if (c instanceof HTMLSelectElement && ![...c.options].some((o) => o.value === value)) continue;
    c.value = value;
  }
}

/**
 * Offers only what the chosen release has: options it lacks are disabled, a select with one
 * choice is disabled, and each goes back to the release's default when `reset` is set.
 */
export function syncReleaseFields(
  form: HTMLFormElement,
  releases: readonly ReleaseFacts[],
  program: NodeProgram,
  reset: boolean,
): void {
  const chosen = releases.find((r) => r.id === control(form, 'release')?.value);
  if (!chosen) return;
  const defaults = resolveNode(releases, { release: chosen.id }, program);
  for (const field of CONDITION_FIELDS) {
    const c = control(form, field.param);
    if (!(c instanceof HTMLSelectElement)) continue;
    const offered = new Set(field.choices?.(program, chosen).map((o) => o.value));
    for (const option of c.options) option.disabled = !offered.has(option.value);
    c.disabled = offered.size < 2;
    if (reset || c.disabled || !offered.has(c.value)) c.value = field.write(defaults)[0] ?? '';
  }
}

/**
 * Calls `update` on every change of a generator's node form (offering the newly chosen release's
 * options first, reset to its defaults) and on submit, which stays on the page.
 */
export function watchNodeForm(
  form: HTMLFormElement,
  releases: readonly ReleaseFacts[],
  program: NodeProgram,
  update: () => void,
): void {
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).getAttribute('name') === 'release')
      syncReleaseFields(form, releases, program, true);
    update();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });
}
