// Writes data/firewalld-services.json from the service definitions a firewalld package ships,
// so the checker can resolve `firewall-cmd --add-service=NAME` and `services: NAME` to ports.
//
//   apt-get download firewalld && dpkg-deb -x firewalld_*.deb pkg
//   node scripts/firewalld-services.ts pkg "$(dpkg-deb -f firewalld_*.deb Version)" "Debian 12 (bookworm)"
//
// Each service's ports are resolved through its <include service="..."/> elements.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, version, distribution] = process.argv.slice(2);
if (!root || !version || !distribution) {
  console.error('usage: firewalld-services.ts EXTRACTED_PACKAGE_DIR VERSION DISTRIBUTION');
  process.exit(2);
}
const dir = join(root, 'usr/lib/firewalld/services');
const defined = new Map<string, { ports: string[]; includes: string[] }>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
  const xml = readFileSync(join(dir, file), 'utf8');
  // <port port="" protocol="esp"/> names a protocol without ports (IPsec): nothing to open here.
  const ports = [...xml.matchAll(/<port\s+([^>]*?)\/?>/g)].flatMap((m) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1]!)?.[1] ?? '';
    return attr('port') ? [`${attr('port')}/${attr('protocol')}`] : [];
  });
  const includes = [...xml.matchAll(/<include\s+service="([^"]+)"/g)].map((m) => m[1]!);
  defined.set(file.slice(0, -4), { ports, includes });
}

function resolve(name: string, seen: string[] = []): string[] {
  const service = defined.get(name);
  if (!service || seen.includes(name)) return [];
  return [...service.ports, ...service.includes.flatMap((i) => resolve(i, [...seen, name]))];
}

const services = Object.fromEntries(
  [...defined.keys()].sort().map((name) => [name, [...new Set(resolve(name))].sort()]),
);
const out = {
  package: 'firewalld',
  version,
  distribution,
  path: '/usr/lib/firewalld/services/',
  read: new Date().toISOString().slice(0, 10),
  services,
};
writeFileSync('data/firewalld-services.json', `${JSON.stringify(out, null, 2)}\n`);
// Then: npx prettier --write data/firewalld-services.json
console.log(
  `wrote data/firewalld-services.json: ${defined.size} services from firewalld ${version}`,
);
