// /firewall/: regenerates the rules from the form, keeps the options in the URL query.
import { model } from './data';
import { firewallPlan, TOOLS, type Plan, type PlanOptions } from '../firewall/plan';
import { generate } from '../firewall/generate';
import { endpointUrl } from '../domain/urls';
import { ROLE_LABEL } from '../domain/model';
import { plainText } from '../domain/inline';
import { PORT_OPTIONS, type PortOption } from '../checker/types';
import { syncReleaseSelects } from './release-options';

const form = document.querySelector<HTMLFormElement>('#fw-form')!;
const error = document.querySelector<HTMLElement>('#fw-error')!;
const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
const cidrs = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function syncRelease(reset: boolean): void {
  syncReleaseSelects(form, model.release(field<HTMLSelectElement>('release').value), reset);
}

function readForm(): PlanOptions {
  const options: PlanOptions = {
    release: field<HTMLSelectElement>('release').value,
    role: field<HTMLSelectElement>('role').value as PlanOptions['role'],
    nodeCidrs: cidrs(field<HTMLInputElement>('nodes').value),
    clientCidrs: cidrs(field<HTMLInputElement>('clients').value),
  };
  if (!field<HTMLSelectElement>('datastore').disabled)
    options.datastore = field<HTMLSelectElement>('datastore').value as 'etcd' | 'k8s-dqlite';
  if (!field<HTMLSelectElement>('kpr').disabled)
    options.kubeProxyReplacement = field<HTMLSelectElement>('kpr').value === 'on';
  const ports: Partial<Record<PortOption, number>> = {};
  for (const p of PORT_OPTIONS) {
    const v = Number(field<HTMLInputElement>(p).value);
    if (Number.isInteger(v) && v >= 1 && v <= 65535) ports[p] = v;
  }
  options.ports = ports;
  return options;
}

function writeUrl(): void {
  const params = new URLSearchParams();
  for (const el of form.elements) {
    if (
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
      el.name &&
      el.value &&
      !el.disabled
    )
      params.set(el.name, el.value);
  }
  history.replaceState(null, '', `${location.pathname}?${params}${location.hash}`);
}

const cell = (...children: (Node | string)[]) => {
  const td = document.createElement('td');
  td.append(...children);
  return td;
};

function render(plan: Plan): void {
  document.querySelector('#rules')!.textContent =
    `Rules for a ${ROLE_LABEL[plan.role]} node, ${plan.release}`;
  document.querySelector('#fw-rules tbody')!.replaceChildren(
    ...plan.rules.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.port = String(r.port);
      tr.dataset.protocol = r.protocol;
      tr.append(
        cell(
          Object.assign(document.createElement('a'), {
            href: endpointUrl(r.endpoint),
            textContent: `${r.port}/${r.protocol}`,
          }),
        ),
        cell(r.endpoint.serviceName),
        cell(r.sources.length ? `${r.from} (${r.sources.join(', ')})` : r.from),
        cell(
          `${r.inUpstreamHowto ? 'also opens it' : 'does not open it'}${r.endpoint.discrepancy ? `: ${plainText(r.endpoint.discrepancy)}` : ''}`,
        ),
      );
      return tr;
    }),
  );
  document.querySelector('#fw-closed')!.replaceChildren(
    ...plan.closed.map((c) => {
      const li = document.createElement('li');
      li.dataset.port = String(c.endpoint.port);
      li.append(
        Object.assign(document.createElement('a'), {
          href: endpointUrl(c.endpoint),
          textContent: `${c.endpoint.port}/${c.endpoint.protocol}`,
        }),
        ` ${c.endpoint.serviceName}: ${c.why}.`,
      );
      return li;
    }),
  );
  for (const tool of TOOLS)
    document.getElementById(`fw-${tool}`)!.textContent = generate(tool, plan);
}

function update(): void {
  try {
    render(firewallPlan(model, readForm()));
    error.hidden = true;
    writeUrl();
  } catch (e) {
    error.textContent = (e as Error).message;
    error.hidden = false;
  }
}

/** Wires the form; called by the page script once the generator is needed. */
export function start(): void {
  const params = new URLSearchParams(location.search);
  for (const el of form.elements) {
    if (
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) &&
      params.has(el.name)
    ) {
      if (
        el instanceof HTMLSelectElement &&
        ![...el.options].some((o) => o.value === params.get(el.name))
      )
        continue;
      el.value = params.get(el.name)!;
    }
  }
  syncRelease(!params.has('datastore') && !params.has('kpr'));
  // Render now: the change (or URL) that loaded this module has already happened.
  update();
  form.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).getAttribute('name') === 'release') syncRelease(true);
    update();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });
}
