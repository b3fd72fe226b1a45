// Turns a 404 on /ports/N/ or /N into a plain answer about port N.
import { explainMissingPath } from '../domain/not-found';
import { notAPort } from '../domain/ports';
import { withBase, withoutBase } from './base';

const box = document.getElementById('not-found');
const message = document.getElementById('not-found-message');
const hint = document.getElementById('not-found-hint');
if (box && message && hint) {
  const ports = (box.dataset.ports ?? '').split(' ').map(Number);
  const range = box.dataset.range ?? '';
  const ranges = (box.dataset.ranges ?? '')
    .split(' ')
    .filter(Boolean)
    .map((r) => {
      const [from, to] = r.split('-').map(Number);
      return { from: from!, to: to! };
    });
  const verdict = explainMissingPath(withoutBase(location.pathname), ports, ranges);
  const link = (href: string, text: string) =>
    Object.assign(document.createElement('a'), { href: withBase(href), textContent: text });
  const checker = link(`/check/`, 'conflict checker');
  switch (verdict.kind) {
    case 'unused-port': {
      checker.href = withBase(`/check/#ports=${verdict.port}`);
      message.textContent = `Port ${verdict.port} is not used by Canonical Kubernetes ${range}, on any node role or interface.`;
      hint.replaceChildren('Nearest ports it does use: ');
      verdict.nearest.forEach((p, i) =>
        hint.append(i ? ', ' : '', link(`/ports/${p}/`, String(p))),
      );
      hint.append('. To see whether your own listeners clash, use the ', checker, '.');
      break;
    }
    case 'in-range':
      // A number inside a range has no page of its own: the range's page is the answer.
      location.replace(withBase(`/ports/${verdict.from}-${verdict.to}/`));
      break;
    case 'known-port':
      message.replaceChildren(
        'Canonical Kubernetes uses this port: see ',
        link(`/ports/${verdict.port}/`, `port ${verdict.port}`),
        '.',
      );
      break;
    case 'out-of-range':
      message.textContent = notAPort(verdict.text);
      break;
    case 'not-a-number':
      message.textContent = `"${verdict.text}" is not a port number. Port pages are at /ports/<number>/, for example /ports/6443/.`;
      break;
    default:
      break;
  }
  document.title = `${message.textContent?.slice(0, 60)} · Canonical Kubernetes ports`;
}
