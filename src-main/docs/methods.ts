import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { contract, type MethodDef } from '../../src-shared/contract/index';

/** Writes docs/METHODS.md from the contract, so the method reference cannot drift from the code. */
export function methodReference(): string {
  const lines = [
    '# Method reference',
    '',
    'Generated from `src-shared/contract` by `npm run docs:methods`; do not edit by hand.',
    'Every transport (Electron IPC, the loopback host, the CLI) calls these by name through the one registry.',
    '',
  ];
  const byDomain = new Map<string, [string, MethodDef][]>();
  for (const [name, def] of Object.entries(contract) as [string, MethodDef][]) {
    const domain = name.split('.')[0];
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), [name, def]]);
  }
  for (const [domain, methods] of byDomain) {
    lines.push(`## ${domain}`, '');
    for (const [name, def] of methods) {
      lines.push(`### \`${name}\``, '', def.summary, '');
      lines.push(`- permission: ${def.permission ? `\`${def.permission}\`` : 'none (before sign-in)'}`);
      lines.push(`- transaction: ${def.transaction}`);
      lines.push(`- errors: ${def.errors.length ? def.errors.map((e) => `\`${e}\``).join(', ') : '—'}`);
      lines.push('', '<details><summary>input schema</summary>', '', '```json', JSON.stringify(z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' })), '```', '', '</details>', '');
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../docs/METHODS.md', import.meta.url), methodReference());
  process.stdout.write('docs/METHODS.md written\n');
}
