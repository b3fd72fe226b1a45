// /firewall/: regenerates the rules from the form and keeps the options in the URL query.
import { model } from './data';
import {
  clusterPlan,
  firewallPlan,
  HOST_TOOLS,
  isCloudTool,
  terraformFile,
  type Plan,
} from '../firewall/plan';
import { generateHost } from '../firewall/generate';
import { closedRows, planHeading, ruleRow } from '../firewall/rows';
import { CONDITION_FIELDS, nodeToParams } from '../domain/node';
import { downloadText, el, labelCells, link } from './dom';
import { paramsToForm, readNodeForm, syncReleaseFields, watchNodeForm } from './node-form';

const form = document.querySelector<HTMLFormElement>('#fw-form')!;
const error = document.querySelector<HTMLElement>('#fw-error')!;

function render(plan: Plan): void {
  document.querySelector('#rules')!.textContent = planHeading(plan);
  document.querySelector('#fw-rules tbody')!.replaceChildren(
    ...plan.rules.map((rule) => {
      const r = ruleRow(rule);
      const tr = el(
        'tr',
        {},
        el('td', {}, link(r.url, `${r.port}/${r.protocol}`)),
        el('td', {}, r.service),
        el('td', {}, r.from),
        el('td', {}, r.upstream),
      );
      tr.dataset.port = String(r.port);
      tr.dataset.protocol = r.protocol;
      return tr;
    }),
  );
  labelCells(document.querySelector<HTMLTableElement>('#fw-rules')!);
  document.querySelector('#fw-closed')!.replaceChildren(
    ...closedRows(plan).map((c) => {
      const li = el('li', {}, link(c.url, `${c.where}/${c.protocol}`), c.text);
      li.dataset.port = String(c.port);
      return li;
    }),
  );
  for (const tool of HOST_TOOLS)
    document.getElementById(`fw-${tool}`)!.textContent = generateHost(tool, plan);
}

const cloud = document.querySelector<HTMLSelectElement>('#fw-cloud')!;
const cloudOutput = document.querySelector<HTMLElement>('#fw-cloud-output')!;

/** The chosen cloud's Terraform for the form's options, from a chunk loaded on first use. */
export async function showCloud(): Promise<void> {
  const tool = cloud.value;
  const { input, errors } = readNodeForm(form, 'firewall');
  if (!isCloudTool(tool) || errors.length) return;
  const { generateCloud } = await import('../firewall/terraform');
  const { role: _role, ...options } = input;
  document.querySelector('#fw-terraform')!.textContent = generateCloud(
    tool,
    clusterPlan(model, options),
    { origin: location.origin },
  );
  cloudOutput.hidden = false;
}

function update(): void {
  const { input, errors } = readNodeForm(form, 'firewall');
  try {
    if (errors.length) throw new Error(errors.map((e) => e.forForm).join(' '));
    render(firewallPlan(model, model.roleNode(input, 'firewall')));
    if (!cloudOutput.hidden) void showCloud();
    error.hidden = true;
    const params = new URLSearchParams();
    nodeToParams(input, 'firewall', params);
    history.replaceState(null, '', `${location.pathname}?${params}${location.hash}`);
  } catch (e) {
    error.textContent = (e as Error).message;
    error.hidden = false;
  }
}

/** Wires the form; called by the page script once the generator is needed. */
export function start(): void {
  const params = new URLSearchParams(location.search);
  paramsToForm(form, params, 'firewall');
  const keepUrlOptions = CONDITION_FIELDS.some((f) => params.has(f.param));
  syncReleaseFields(form, model.releases, 'firewall', !keepUrlOptions);
  // Render now: the change (or URL) that loaded this module has already happened.
  update();
  watchNodeForm(form, model.releases, 'firewall', update);
  cloud.addEventListener('change', () => void showCloud());
  document.querySelector('#fw-terraform-download')!.addEventListener('click', () => {
    if (!isCloudTool(cloud.value)) return;
    const text = document.querySelector('#fw-terraform')!.textContent ?? '';
    downloadText(text, terraformFile(cloud.value), 'text/plain');
  });
}
