// `node scripts/config-reference.ts`: writes docs/configuration.md from ConfigSchema (src/config/config.ts).
import { writeFileSync } from 'node:fs';
import { renderConfigurationDoc } from '../src/config/configuration-doc.ts';

writeFileSync('docs/configuration.md', renderConfigurationDoc());
console.log('wrote docs/configuration.md');
