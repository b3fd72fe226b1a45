// /reach/: regenerates the probe from the form and keeps the options in the URL query.
import { model } from './data';
import { reachScript } from '../firewall/reach';
import { nodeToParams } from '../domain/node';
import { downloadText } from './dom';
import { paramsToForm, readNodeForm, syncReleaseFields, watchNodeForm } from './node-form';

const form = document.querySelector<HTMLFormElement>('#reach-form')!;
const output = document.querySelector<HTMLElement>('#reach-script')!;

function update(): void {
  const { input, errors } = readNodeForm(form, 'reach');
  if (errors.length) {
    output.textContent = `# ${errors.map((e) => e.forForm).join(' ')}`;
    return;
  }
  output.textContent = reachScript(model, input);
  const params = new URLSearchParams();
  nodeToParams(input, 'reach', params);
  history.replaceState(null, '', `${location.pathname}?${params}${location.hash}`);
}

export function start(): void {
  paramsToForm(form, new URLSearchParams(location.search), 'reach');
  syncReleaseFields(form, model.releases, 'reach', false);
  update();
  watchNodeForm(form, model.releases, 'reach', update);
}

export function download(): void {
  downloadText(output.textContent ?? '', 'ck8s-reach.sh', 'text/x-shellscript');
}
